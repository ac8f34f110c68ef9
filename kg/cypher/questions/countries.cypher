// title: Countries
// description: The countries in the graph, by ISO3 code.
// columns: iso3, name
MATCH (c:Country)
RETURN c.code AS iso3, c.label AS name
ORDER BY iso3
