import type { Dependencies } from '#shared/composition/dependencies';
import type { DigestQueue } from '#ports/digest-queue';

/** What the engine's use cases need: the handlers' Dependencies with the digest queue resolved. */
export type EngineDeps = Dependencies & { digests: DigestQueue };
