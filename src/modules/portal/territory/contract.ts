/**
 * The province served, its municipalities and the institution serving it, for the back-office's header, footer
 * and pickers and for other systems.
 */
import { z } from 'zod';

export const territoryView = z.object({
  /** ISTAT code of the province, e.g. `098`. */
  code: z.string(),
  name: z.string(),
  /** The two letters of the province (`LO`). */
  abbreviation: z.string(),
  /** ISTAT code of the chief town, where a desk is unless said otherwise. */
  chiefTown: z.string(),
  municipalities: z.array(z.object({ code: z.string(), name: z.string(), cadastralCode: z.string() })),
  /** The prefecture as it signs its pages, and as short signatures name it ("Prefettura di Lodi"): proper names. */
  institution: z.object({ name: z.string(), shortName: z.string() }),
});
export type TerritoryView = z.infer<typeof territoryView>;
