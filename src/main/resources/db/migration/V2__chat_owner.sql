-- A group's owner removes other members. It starts as the creator and passes to the longest-standing member
-- when the owner leaves, so a group is never left without one. Direct chats have none.

ALTER TABLE chats ADD COLUMN owner_id VARCHAR(64) REFERENCES users (id);

UPDATE chats SET owner_id = COALESCE(
    (SELECT m.user_id FROM chat_members m WHERE m.chat_id = chats.id AND m.user_id = chats.created_by),
    (SELECT m.user_id FROM chat_members m WHERE m.chat_id = chats.id ORDER BY m.joined_at, m.user_id LIMIT 1))
WHERE type = 'group';

