/** The province served and its municipalities, for the pickers of the back-office and for other systems. */
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
});
export type TerritoryView = z.infer<typeof territoryView>;
