/**
 * Images whose entrypoint reads a variable's value from a file named by
 * `<VARIABLE>_FILE` (`POSTGRES_PASSWORD_FILE=/run/secrets/db_password`),
 * so a Compose secret can replace the literal without changing the
 * application.
 *
 * Sources: the official images' entrypoints (docker-library/postgres,
 * docker-library/mysql, MariaDB/mariadb-docker, docker-library/mongo:
 * `docker-entrypoint.sh`, whose `file_env` function reads `${var}_FILE`
 * for each variable it is called with) and the "Docker Secrets" sections
 * of the images' Docker Hub documentation (docker-library/docs).
 */
import { hubRepository, type ImageReference } from '../dockerfile/image-reference';

const MYSQL = ['MYSQL_ROOT_PASSWORD', 'MYSQL_ROOT_HOST', 'MYSQL_DATABASE', 'MYSQL_USER', 'MYSQL_PASSWORD'];

const FILE_VARIABLES = new Map<string, ReadonlySet<string>>([
  ['postgres', new Set(['POSTGRES_PASSWORD', 'POSTGRES_USER', 'POSTGRES_DB', 'POSTGRES_INITDB_ARGS'])],
  ['mysql', new Set(MYSQL)],
  // MariaDB reads its own names and, for compatibility, MySQL's.
  ['mariadb', new Set([...MYSQL, ...MYSQL.map((name) => name.replace(/^MYSQL_/, 'MARIADB_'))])],
  ['mongo', new Set(['MONGO_INITDB_ROOT_USERNAME', 'MONGO_INITDB_ROOT_PASSWORD'])],
]);

/** Whether the image reads `<variable>_FILE` in place of `variable`. */
export function readsFileVariable(image: ImageReference | null, variable: string): boolean {
  const repository = image ? hubRepository(image) : null;
  return repository !== null && FILE_VARIABLES.get(repository)?.has(variable) === true;
}
