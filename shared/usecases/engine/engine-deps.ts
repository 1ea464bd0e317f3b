import type { DigestQueue } from '#ports/digest-queue';
import type { SendMetrics } from '#ports/metrics';
import type { Dependencies } from '#shared/composition/dependencies';

/** What the engine's use cases need: the handlers' Dependencies with the digest queue and metrics resolved. */
export type EngineDeps = Dependencies & { digests: DigestQueue; metrics: SendMetrics };
