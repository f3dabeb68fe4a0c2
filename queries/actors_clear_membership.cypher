// Members of institutions that are about to be deleted keep existing, with member_of cleared.
UNWIND $ids AS id
MATCH (member:Actor {member_of: id})
SET member.member_of = null
