// The progress page's charts (static/lib/charts.js). Plotly loads with `defer`, before this
// module runs.
import { drawCharts } from "../lib/charts.js";

drawCharts();
