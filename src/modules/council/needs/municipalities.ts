/**
 * The 60 municipalities of the Province of Lodi (ISTAT codes and 2011 census population, from the ISTAT-derived
 * list in shared/domain/territory.md) with the approximate coordinates of each town centre (WGS84, to about a
 * kilometre). No boundary data ships offline: the map draws each municipality as the area nearest to its centre
 * (see docs/decisions/014), which places every municipality where it is without claiming its true borders.
 */
export type Municipality = { code: string; name: string; population: number; lon: number; lat: number };

const rows: [string, string, number, number, number][] = [
  ['098001', 'Abbadia Cerreto', 297, 9.592, 45.312],
  ['098002', 'Bertonico', 1168, 9.667, 45.234],
  ['098003', 'Boffalora d’Adda', 1705, 9.492, 45.358],
  ['098004', 'Borghetto Lodigiano', 4379, 9.499, 45.215],
  ['098005', 'Borgo San Giovanni', 2213, 9.437, 45.278],
  ['098006', 'Brembio', 2647, 9.571, 45.214],
  ['098008', 'Casaletto Lodigiano', 2779, 9.362, 45.294],
  ['098009', 'Casalmaiocco', 3069, 9.372, 45.352],
  ['098010', 'Casalpusterlengo', 14852, 9.65, 45.178],
  ['098011', 'Caselle Landi', 1652, 9.795, 45.102],
  ['098012', 'Caselle Lurani', 3100, 9.334, 45.28],
  ['098062', 'Castelgerundo', 1520, 9.737, 45.198],
  ['098013', 'Castelnuovo Bocca d’Adda', 1700, 9.862, 45.111],
  ['098014', 'Castiglione d’Adda', 4818, 9.694, 45.218],
  ['098015', 'Castiraga Vidardo', 2624, 9.402, 45.259],
  ['098017', 'Cavenago d’Adda', 2259, 9.601, 45.282],
  ['098018', 'Cervignano d’Adda', 2119, 9.425, 45.372],
  ['098019', 'Codogno', 15371, 9.704, 45.16],
  ['098020', 'Comazzo', 2183, 9.463, 45.443],
  ['098021', 'Cornegliano Laudense', 2838, 9.472, 45.286],
  ['098022', 'Corno Giovine', 1193, 9.758, 45.133],
  ['098023', 'Cornovecchio', 226, 9.798, 45.137],
  ['098024', 'Corte Palasio', 1550, 9.561, 45.312],
  ['098025', 'Crespiatica', 2137, 9.575, 45.355],
  ['098026', 'Fombio', 2288, 9.683, 45.139],
  ['098027', 'Galgagnano', 1208, 9.444, 45.358],
  ['098028', 'Graffignana', 2604, 9.453, 45.208],
  ['098029', 'Guardamiglio', 2687, 9.684, 45.108],
  ['098030', 'Livraga', 2602, 9.547, 45.192],
  ['098031', 'Lodi', 43332, 9.503, 45.314],
  ['098032', 'Lodi Vecchio', 7356, 9.417, 45.301],
  ['098033', 'Maccastorna', 60, 9.853, 45.146],
  ['098034', 'Mairago', 1397, 9.578, 45.252],
  ['098035', 'Maleo', 3249, 9.763, 45.168],
  ['098036', 'Marudo', 1568, 9.378, 45.253],
  ['098037', 'Massalengo', 4192, 9.49, 45.265],
  ['098038', 'Meleti', 466, 9.838, 45.119],
  ['098039', 'Merlino', 1772, 9.43, 45.433],
  ['098040', 'Montanaso Lombardo', 2231, 9.463, 45.335],
  ['098041', 'Mulazzano', 5733, 9.397, 45.373],
  ['098042', 'Orio Litta', 2023, 9.554, 45.162],
  ['098043', 'Ospedaletto Lodigiano', 1853, 9.578, 45.17],
  ['098044', 'Ossago Lodigiano', 1412, 9.543, 45.245],
  ['098045', 'Pieve Fissiraga', 1604, 9.459, 45.263],
  ['098046', 'Salerano sul Lambro', 2653, 9.385, 45.296],
  ['098047', 'San Fiorano', 1804, 9.72, 45.139],
  ['098048', 'San Martino in Strada', 3624, 9.525, 45.275],
  ['098049', 'San Rocco al Porto', 3464, 9.697, 45.081],
  ['098050', 'Sant’Angelo Lodigiano', 12665, 9.407, 45.237],
  ['098051', 'Santo Stefano Lodigiano', 1902, 9.737, 45.119],
  ['098052', 'Secugnago', 1984, 9.593, 45.232],
  ['098053', 'Senna Lodigiana', 1997, 9.592, 45.15],
  ['098054', 'Somaglia', 3661, 9.633, 45.148],
  ['098055', 'Sordio', 3149, 9.363, 45.343],
  ['098056', 'Tavazzano con Villavesco', 6099, 9.404, 45.327],
  ['098057', 'Terranova dei Passerini', 906, 9.662, 45.215],
  ['098058', 'Turano Lodigiano', 1538, 9.624, 45.247],
  ['098059', 'Valera Fratta', 1669, 9.336, 45.258],
  ['098060', 'Villanova del Sillaro', 1732, 9.481, 45.238],
  ['098061', 'Zelo Buon Persico', 6872, 9.431, 45.412],
];

export const MUNICIPALITIES: readonly Municipality[] = rows.map(([code, name, population, lon, lat]) => ({
  code,
  name,
  population,
  lon,
  lat,
}));

export const municipalityName = (code: string) => MUNICIPALITIES.find((m) => m.code === code)?.name ?? code;
export const isMunicipalityOfLodi = (code: string) => MUNICIPALITIES.some((m) => m.code === code);
