"""The report's "The handbook's figures" for a shipped example: the handbook's figures from
only the workloads it counted, beside its own (designs.handbook_figures), as the design
page shows them."""

from designs.handbook_figures import handbook_table_of
from designs.reports.blocks import Paragraph, Subheading, Table


def handbook_blocks(document: dict, slug: str) -> list:
    """The subheading, sentence and table; none for a design that is no handbook example."""
    table = handbook_table_of(slug, document)
    if table is None:
        return []
    counted = ", ".join(f"'{name}'" for name in table["workloads"])
    within = ", each within 10%" if table["all_within"] else ""
    return [
        Subheading("The handbook's figures"),
        Paragraph(f"The estimate below counts every workload this design serves. The "
                  f"handbook ({table['lines']}) counted only {counted}: its figures, computed "
                  f"from those alone, beside the handbook's{within}."),
        Table(["The handbook says", "Handbook", "Computed", "Off by"],
              [[row["words"], row["handbook"], row["ours"], row["off"]] for row in table["rows"]],
              numeric=[False, True, True, True]),
    ]
