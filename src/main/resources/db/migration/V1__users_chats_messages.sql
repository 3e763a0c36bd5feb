-- Runs unchanged on PostgreSQL and on H2 in PostgreSQL mode.

CREATE TABLE users (
    id            VARCHAR(64)  PRIMARY KEY,
    username      VARCHAR(64)  NOT NULL,
    username_key  VARCHAR(64)  NOT NULL,
    display_name  VARCHAR(128) NOT NULL,
    password_hash VARCHAR(100),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT users_username_key UNIQUE (username_key)
);

CREATE TABLE chats (
    id               VARCHAR(64)  PRIMARY KEY,
    type             VARCHAR(16)  NOT NULL,
    title            VARCHAR(256),
    direct_key       VARCHAR(160),
    created_by       VARCHAR(64)  NOT NULL REFERENCES users (id),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seq         BIGINT       NOT NULL DEFAULT 0,
    last_activity_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT chats_direct_key UNIQUE (direct_key)
);

CREATE TABLE chat_members (
    chat_id            VARCHAR(64) NOT NULL REFERENCES chats (id),
    user_id            VARCHAR(64) NOT NULL REFERENCES users (id),
    joined_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    last_read_seq      BIGINT      NOT NULL DEFAULT 0,
    last_delivered_seq BIGINT      NOT NULL DEFAULT 0,
    PRIMARY KEY (chat_id, user_id)
);

CREATE INDEX chat_members_by_user ON chat_members (user_id);

CREATE TABLE messages (
    id                VARCHAR(64)  PRIMARY KEY,
    chat_id           VARCHAR(64)  NOT NULL REFERENCES chats (id),
    seq               BIGINT       NOT NULL,
    sender_id         VARCHAR(64)  NOT NULL REFERENCES users (id),
    text              VARCHAR(100000),
    client_message_id VARCHAR(128),
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    edited_at         TIMESTAMP WITH TIME ZONE,
    deleted_at        TIMESTAMP WITH TIME ZONE,
    CONSTRAINT messages_chat_seq UNIQUE (chat_id, seq),
    CONSTRAINT messages_client_id UNIQUE (chat_id, sender_id, client_message_id)
);
