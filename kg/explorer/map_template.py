"""The HTML page the responsibility map is rendered into (a Jinja template for pyvis's ``generate_html``).

Kept as a Python string so it ships with the package without package-data settings. ``nodes``,
``edges``, ``options``, ``width``, ``height`` and ``bgcolor`` are pyvis's own template variables;
``migkg`` holds the inlined vis-network assets, the legend, the selected node and a count.
"""

TEMPLATE = r"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>migration-kg responsibility map</title>
<script>{{ migkg.utils_js }}</script>
<style>{{ migkg.vis_css }}</style>
<script>{{ migkg.vis_js }}</script>
<style>
  html, body { margin: 0; padding: 0; font-family: "Source Sans Pro", sans-serif; }
  #wrap { position: relative; width: {{ width }}; }
  #mynetwork { width: {{ width }}; height: {{ height }}; background-color: {{ bgcolor }}; border: 1px solid #e0e0e0; position: relative; }
  #legend { font-size: 12px; line-height: 1.9; padding: 2px 4px 4px 4px; color: #31333f; }
  #legend .grp { margin-right: 18px; white-space: nowrap; display: inline-block; }
  #legend .it { margin-left: 9px; }
  #legend .sw { display: inline-block; width: 10px; height: 10px; margin-right: 4px; vertical-align: -1px; }
  #legend .ln { display: inline-block; width: 22px; margin-right: 4px; vertical-align: middle; }
  #count { position: absolute; bottom: 6px; right: 10px; z-index: 4; font-size: 11px; color: #777; }
  .vis-tooltip { white-space: normal !important; max-width: 460px; font-family: sans-serif !important; font-size: 13px !important; }
</style>
</head>
<body>
<div id="wrap">
  <div id="legend">{{ migkg.legend }}</div>
  <div id="mynetwork"></div>
  <div id="count">{{ migkg.count }} · scroll to zoom, drag to pan, click a node to fade the rest</div>
</div>
<script type="text/javascript">
  var edges, nodes, allNodes, allEdges, nodeColors, originalNodes, network, container, options, data;
  var highlightActive = false;
  // Tooltips are HTML built from escaped values; vis-network shows a string as plain text, an element as HTML.
  function withHtmlTitles(items) {
    items.forEach(function (item) {
      if (typeof item.title === "string") { var div = document.createElement("div"); div.innerHTML = item.title; item.title = div; }
    });
    return items;
  }
  function drawGraph() {
    container = document.getElementById("mynetwork");
    nodes = new vis.DataSet(withHtmlTitles({{ nodes|tojson }}));
    edges = new vis.DataSet(withHtmlTitles({{ edges|tojson }}));
    nodeColors = {};
    allNodes = nodes.get({ returnType: "Object" });
    for (var nodeId in allNodes) { nodeColors[nodeId] = allNodes[nodeId].color; }
    allEdges = edges.get({ returnType: "Object" });
    data = { nodes: nodes, edges: edges };
    options = {{ options|safe }};
    network = new vis.Network(container, data, options);
    network.on("click", neighbourhoodHighlight);
    var selected = {{ migkg.selected|tojson }};
    if (selected !== null) { network.selectNodes([selected]); }
    network.fit();
    // the iframe may be sized after the first draw: fit again whenever the container changes size
    if (window.ResizeObserver) { new ResizeObserver(function () { network.fit(); }).observe(container); }
    window.addEventListener("resize", function () { network.fit(); });
    window.migkgNetwork = network;
    return network;
  }
  drawGraph();
</script>
</body>
</html>
"""
