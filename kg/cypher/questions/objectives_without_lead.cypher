// title: Objectives without a lead
// description: GCM objectives the country's actors hold responsibilities for (objective- or
//   action-level) but none with role lead or co-lead (gap rule `no_lead`).
// param country: ISO3 code of the country (example: BGD)
// columns: objective:int, title, rows:int, actors:list
MATCH (c:Country {code: $country})<-[:IN_COUNTRY]-(a:Actor)-[:HOLDS]->(r:Responsibility)-[:FOR_OBJECTIVE]->(o:GCMObjective)
WITH o, collect(r) AS rows, collect(DISTINCT a.code) AS actors
WHERE none(row IN rows WHERE row.role IN ['lead', 'co-lead'])
RETURN o.number AS objective, o.label AS title, size(rows) AS rows, actors
ORDER BY objective
