import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

/**
 * Extensions the migrations create (`create extension if not exists …`): pg_trgm for the
 * trigram indexes behind every `q` search, btree_gist for the venue index that bounds the clash
 * check by time. PostgreSQL has them in contrib; PGlite loads them only when they are passed
 * where the instance is created — every `PGlite.create` that opens an Esep database passes these.
 */
export const PGLITE_EXTENSIONS = { pg_trgm, btree_gist };
