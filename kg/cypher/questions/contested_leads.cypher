// title: Contested leads
// description: GCM objectives for which two or more distinct actors of the country hold role
//   lead, objective- or action-level; co-leads do not count (gap rule `contested_lead`).
// param country: ISO3 code of the country (example: BGD)
// columns: objective:int, title, leads:list
MATCH (c:Country {code: $country})<-[:IN_COUNTRY]-(a:Actor)-[:HOLDS]->(r:Responsibility)-[:FOR_OBJECTIVE]->(o:GCMObjective)
WHERE r.role = 'lead'
WITH o, collect(DISTINCT a.code) AS leads
WHERE size(leads) >= 2
RETURN o.number AS objective, o.label AS title, leads
ORDER BY objective
