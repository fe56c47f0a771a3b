// The practice page works without script; on a phone its diagram zooms and pans.
import { zoomableDiagram } from "./diagram_zoom.js";

const diagram = document.getElementById("practice-diagram");
if (diagram) {
  zoomableDiagram(diagram);
}
