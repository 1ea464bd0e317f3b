import type { DigestQueue } from '#ports/digest-queue';
import type { Dependencies } from '#shared/composition/dependencies';

/** What the engine's use cases need: the handlers' Dependencies with the digest queue resolved. */
export type EngineDeps = Dependencies & { digests: DigestQueue };
