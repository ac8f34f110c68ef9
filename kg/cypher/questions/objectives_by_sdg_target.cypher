// title: Objectives by SDG target
// description: The GCM objectives aligned with an SDG target, each with the number of the
//   country's responsibility rows for it and the actors holding lead or co-lead.
// param target: SDG target code (example: 10.7)
// param country: ISO3 code of the country (example: BGD)
// columns: objective:int, title, rows:int, leads:list
MATCH (t:SDGTarget {code: $target})<-[:ALIGNS_WITH]-(o:GCMObjective)
MATCH (c:Country {code: $country})
OPTIONAL MATCH (c)<-[:IN_COUNTRY]-(a:Actor)-[:HOLDS]->(r:Responsibility)-[:FOR_OBJECTIVE]->(o)
WITH o, count(r) AS rows, collect(DISTINCT CASE WHEN r.role IN ['lead', 'co-lead'] THEN a.code END) AS leads
RETURN o.number AS objective, o.label AS title, rows, leads
ORDER BY objective
