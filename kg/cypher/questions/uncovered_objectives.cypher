// title: Uncovered objectives
// description: GCM objectives for which no actor of the country holds a responsibility,
//   neither on the objective nor on one of its lettered actions (gap rule `uncovered`).
// param country: ISO3 code of the country (example: BGD)
// columns: objective:int, title
MATCH (c:Country {code: $country})
MATCH (o:GCMObjective)
OPTIONAL MATCH (c)<-[:IN_COUNTRY]-(:Actor)-[:HOLDS]->(r:Responsibility)-[:FOR_OBJECTIVE]->(o)
WITH o, count(r) AS rows
WHERE rows = 0
RETURN o.number AS objective, o.label AS title
ORDER BY objective
