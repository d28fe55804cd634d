DROP TABLE outbox;
DROP TABLE digest_unsubscribed;
DROP TABLE digest_subscriptions;
DROP TABLE community_councils;
