// title: Coordination bodies and their members
// description: Each coordination body of the country with its direct members and their
//   membership role (chair, co-chair, member, secretariat); a body without members has one row.
// param country: ISO3 code of the country (example: BGD)
// columns: body, body_name, member, member_name, role
MATCH (c:Country {code: $country})<-[:IN_COUNTRY]-(body:CoordinationBody)
OPTIONAL MATCH (m:Actor)-[mem:MEMBER_OF]->(body)
RETURN body.code AS body, body.label AS body_name, m.code AS member, m.label AS member_name, mem.role AS role
ORDER BY body, member
