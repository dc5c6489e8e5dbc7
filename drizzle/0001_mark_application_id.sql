-- Marks the file as a tea-order-agent database (0x54454131, "TEA1"), so a restore can tell it from
-- another application's SQLite file (shared/db/database-identity.ts).
PRAGMA application_id = 1413824817;
