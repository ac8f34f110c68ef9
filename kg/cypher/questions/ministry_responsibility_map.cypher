// title: A ministry's responsibility map
// description: Every responsibility held by an actor (typically a ministry) or by any unit under
//   it along PART_OF (divisions, departments, agencies), with role, status, source and evidence.
// param country: ISO3 code of the country (example: BGD)
// param ministry: actor id of the ministry or other actor (example: moewoe)
// columns: actor, objective:int, action, role, status, category, source, evidence
MATCH (c:Country {code: $country})<-[:IN_COUNTRY]-(m:Actor {code: $ministry})
MATCH (a:Actor)-[:PART_OF*0..]->(m)
MATCH (a)-[:HOLDS]->(r:Responsibility)-[:FOR_OBJECTIVE]->(o:GCMObjective)
RETURN a.code AS actor, o.number AS objective, r.action AS action, r.role AS role, r.status AS status,
       r.category AS category, r.source AS source, r.evidence AS evidence
ORDER BY objective, action, actor, role, category, source, evidence
