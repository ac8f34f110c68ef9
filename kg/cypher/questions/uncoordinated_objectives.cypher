// title: Uncoordinated shared responsibility
// description: GCM objectives shared by two or more government actors (ministry, division,
//   department, agency, local government) of the country when no single coordination body
//   counts all of them as members; an actor counts as a member of a body when it, or an
//   ancestor along PART_OF, is a member (gap rule `uncoordinated`).
// param country: ISO3 code of the country (example: BGD)
// columns: objective:int, title, actors:list
MATCH (c:Country {code: $country})<-[:IN_COUNTRY]-(a:GovernmentActor)-[:HOLDS]->(:Responsibility)-[:FOR_OBJECTIVE]->(o:GCMObjective)
WITH o, collect(DISTINCT a) AS government
WHERE size(government) >= 2
UNWIND government AS g
OPTIONAL MATCH (g)-[:PART_OF*0..]->(:Actor)-[:MEMBER_OF]->(body:Actor)
WITH o, government, body, count(DISTINCT g) AS counted
WITH o, government, max(CASE WHEN body IS NOT NULL AND counted = size(government) THEN 1 ELSE 0 END) AS coordinated
WHERE coordinated = 0
RETURN o.number AS objective, o.label AS title, [g IN government | g.code] AS actors
ORDER BY objective
