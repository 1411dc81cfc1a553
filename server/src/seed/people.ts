import { DEMO_PERSONAS } from './personas.ts';
import type { Rng } from './random.ts';

/** One generated employee, before it has a database id. */
export interface SeedPerson {
  handle: string;
  name: string;
  firstName: string;
  email: string;
  title: string;
  department: string;
  roles: string[];
  /** Relative likelihood of writing a post: a few people write most of them, as on any intranet. */
  activity: number;
  /** Heads of department and executives (the leadership forum's audience). */
  leader: boolean;
}

interface Department {
  name: string;
  /** Share of the headcount. */
  share: number;
  head: string;
  titles: readonly (readonly [title: string, weight: number])[];
}

export const DEPARTMENTS: readonly Department[] = [
  {
    name: 'Engineering',
    share: 22,
    head: 'VP Engineering',
    titles: [
      ['Software Engineer', 5],
      ['Senior Software Engineer', 4],
      ['Staff Engineer', 1],
      ['Engineering Manager', 1.5],
      ['QA Engineer', 1.5],
      ['Site Reliability Engineer', 1.5],
      ['Data Engineer', 1.5],
      ['Frontend Developer', 2],
      ['Security Engineer', 0.8],
    ],
  },
  {
    name: 'Product & Design',
    share: 8,
    head: 'Head of Product',
    titles: [
      ['Product Manager', 3],
      ['Senior Product Manager', 1.5],
      ['Product Designer', 2.5],
      ['UX Researcher', 1],
      ['Content Designer', 0.8],
      ['Product Owner', 1],
    ],
  },
  {
    name: 'Sales',
    share: 13,
    head: 'VP Sales',
    titles: [
      ['Account Executive', 4],
      ['Sales Development Representative', 3],
      ['Key Account Manager', 2],
      ['Sales Engineer', 1.5],
      ['Regional Sales Manager', 1],
      ['Sales Operations Analyst', 1],
    ],
  },
  {
    name: 'Marketing',
    share: 8,
    head: 'Chief Marketing Officer',
    titles: [
      ['Marketing Manager', 2],
      ['Content Marketing Specialist', 2],
      ['Brand Designer', 1],
      ['Event Coordinator', 1],
      ['Digital Marketing Specialist', 2],
      ['Communications Specialist', 1],
      ['Product Marketing Manager', 1.5],
    ],
  },
  {
    name: 'Customer Success',
    share: 13,
    head: 'Director of Customer Success',
    titles: [
      ['Customer Success Manager', 4],
      ['Support Specialist', 4],
      ['Technical Support Engineer', 2],
      ['Onboarding Specialist', 1.5],
      ['Support Team Lead', 1],
    ],
  },
  {
    name: 'People & Culture',
    share: 6,
    head: 'Chief People Officer',
    titles: [
      ['HR Business Partner', 2],
      ['Talent Acquisition Partner', 2],
      ['Learning & Development Specialist', 1],
      ['Payroll Specialist', 1],
      ['People Operations Coordinator', 1.5],
    ],
  },
  {
    name: 'Finance',
    share: 6,
    head: 'Chief Financial Officer',
    titles: [
      ['Financial Analyst', 3],
      ['Accountant', 3],
      ['Financial Controller', 1],
      ['Procurement Specialist', 1.5],
      ['Accounts Payable Specialist', 1.5],
      ['FP&A Manager', 1],
    ],
  },
  {
    name: 'IT',
    share: 8,
    head: 'Head of IT',
    titles: [
      ['IT Support Technician', 3],
      ['Systems Administrator', 2],
      ['Network Engineer', 1.5],
      ['Service Desk Analyst', 3],
      ['Information Security Analyst', 1.5],
      ['Collaboration Tools Specialist', 1],
    ],
  },
  {
    name: 'Operations',
    share: 8,
    head: 'Chief Operating Officer',
    titles: [
      ['Operations Manager', 2],
      ['Facilities Coordinator', 2],
      ['Office Manager', 2],
      ['Logistics Coordinator', 1.5],
      ['Workplace Experience Lead', 1],
      ['Business Process Analyst', 1.5],
      ['Sustainability Lead', 0.6],
    ],
  },
  {
    name: 'Legal & Compliance',
    share: 4,
    head: 'General Counsel',
    titles: [
      ['Legal Counsel', 2],
      ['Compliance Officer', 2],
      ['Paralegal', 1.5],
      ['Data Protection Officer', 0.6],
      ['Contract Manager', 1.5],
    ],
  },
  {
    name: 'Executive Office',
    share: 1.5,
    head: 'Chief Executive Officer',
    titles: [
      ['Chief of Staff', 1],
      ['Executive Assistant', 2],
    ],
  },
];

/** Heads whose title makes them part of the executive team (the `executive` role). */
const EXECUTIVE_HEADS = new Set([
  'Chief Executive Officer',
  'Chief Operating Officer',
  'Chief Financial Officer',
  'Chief People Officer',
  'Chief Marketing Officer',
  'VP Engineering',
  'VP Sales',
]);

/** The demo personas' faces: names and jobs that fit their roles. */
const PERSONA_PROFILES: Record<string, { name: string; title: string; department: string }> = {
  'maria.lopez': { name: 'Maria López', title: 'Customer Success Manager', department: 'Customer Success' },
  'sam.okafor': { name: 'Sam Okafor', title: 'Internal Communications Lead', department: 'People & Culture' },
  'helen.park': { name: 'Helen Park', title: 'Chief Operating Officer', department: 'Operations' },
  'ivan.petrov': { name: 'Ivan Petrov', title: 'Head of IT', department: 'IT' },
};

// Given names and family names kept together by culture, so nobody is called "Yuki Okonkwo"
// by accident of the generator (mixed names exist, but a demo should look deliberate).
const CULTURES: { first: readonly string[]; last: readonly string[] }[] = [
  { first: ['Lucía', 'Javier', 'Carmen', 'Diego', 'Elena', 'Pablo', 'Marta', 'Sergio', 'Inés', 'Álvaro'], last: ['García', 'Fernández', 'Martínez', 'Ruiz', 'Navarro', 'Torres', 'Romero', 'Castillo'] },
  { first: ['Chinedu', 'Ngozi', 'Oluwaseun', 'Adaeze', 'Emeka', 'Funmilayo', 'Tunde', 'Chiamaka', 'Kelechi', 'Yetunde'], last: ['Okonkwo', 'Adeyemi', 'Eze', 'Balogun', 'Nwosu', 'Okeke', 'Adebayo', 'Ogunleye'] },
  { first: ['Ji-woo', 'Min-jun', 'Seo-yeon', 'Hyun-woo', 'Soo-ah', 'Dong-hyun', 'Ye-jin', 'Jae-won'], last: ['Kim', 'Lee', 'Choi', 'Jung', 'Kang', 'Yoon', 'Han', 'Shin'] },
  { first: ['Priya', 'Arjun', 'Ananya', 'Rohan', 'Kavya', 'Vikram', 'Meera', 'Sanjay', 'Divya', 'Rahul'], last: ['Sharma', 'Patel', 'Iyer', 'Reddy', 'Nair', 'Gupta', 'Menon', 'Kulkarni', 'Desai'] },
  { first: ['Wei', 'Li Na', 'Jun', 'Xiaoling', 'Hao', 'Mei', 'Yichen', 'Jing'], last: ['Zhang', 'Wang', 'Chen', 'Liu', 'Huang', 'Zhou', 'Lin', 'Xu'] },
  { first: ['Yuki', 'Haruto', 'Aoi', 'Kenji', 'Sakura', 'Takeshi', 'Emi', 'Ren'], last: ['Tanaka', 'Suzuki', 'Sato', 'Watanabe', 'Yamamoto', 'Nakamura', 'Kobayashi', 'Ito'] },
  { first: ['Lukas', 'Hannah', 'Felix', 'Lena', 'Jonas', 'Katharina', 'Moritz', 'Sophie'], last: ['Müller', 'Schmidt', 'Weber', 'Becker', 'Hoffmann', 'Schäfer', 'Wagner', 'Richter'] },
  { first: ['Linh', 'Minh', 'Thu', 'Quang', 'Hoa', 'Tuan', 'Mai', 'Duc'], last: ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi'] },
  { first: ['Layla', 'Omar', 'Fatima', 'Youssef', 'Nour', 'Karim', 'Amira', 'Hassan'], last: ['Haddad', 'Mansour', 'Khalil', 'Nasser', 'Saleh', 'Farouk', 'Aziz', 'Hamdan'] },
  { first: ['Beatriz', 'João', 'Camila', 'Rafael', 'Larissa', 'Thiago', 'Fernanda', 'Gustavo'], last: ['Silva', 'Santos', 'Oliveira', 'Souza', 'Costa', 'Pereira', 'Almeida', 'Ribeiro'] },
  { first: ['Siobhan', 'Ciarán', 'Aoife', 'Declan', 'Niamh', 'Eoin', 'Orla', 'Cormac'], last: ['Murphy', 'Kelly', 'O’Brien', 'Byrne', 'Walsh', 'Doyle', 'Gallagher', 'Brennan'] },
  { first: ['Astrid', 'Erik', 'Ingrid', 'Lars', 'Freja', 'Nils', 'Elsa', 'Oskar'], last: ['Andersson', 'Johansson', 'Lindqvist', 'Nyström', 'Berg', 'Håkansson', 'Ekström', 'Sandberg'] },
  { first: ['Elif', 'Mehmet', 'Zeynep', 'Emre', 'Ayşe', 'Burak', 'Selin', 'Can'], last: ['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Aydın', 'Öztürk', 'Arslan'] },
  { first: ['Kwame', 'Ama', 'Kofi', 'Akosua', 'Yaw', 'Efua', 'Kwabena', 'Abena'], last: ['Mensah', 'Owusu', 'Boateng', 'Asante', 'Osei', 'Appiah', 'Darko', 'Agyei'] },
  { first: ['Wanjiru', 'Otieno', 'Achieng', 'Kamau', 'Njeri', 'Mwangi', 'Akinyi', 'Kipchoge'], last: ['Kariuki', 'Odhiambo', 'Wambui', 'Mutua', 'Kiprono', 'Njoroge', 'Onyango', 'Chebet'] },
  { first: ['Andrea', 'Paolo', 'Giulia', 'Matteo', 'Chiara', 'Luca', 'Francesca', 'Marco'], last: ['Rossi', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco', 'Conti'] },
  { first: ['Camille', 'Julien', 'Léa', 'Antoine', 'Chloé', 'Mathieu', 'Manon', 'Théo'], last: ['Dubois', 'Lefèvre', 'Moreau', 'Laurent', 'Girard', 'Bonnet', 'Fontaine', 'Rousseau'] },
  { first: ['Daan', 'Sanne', 'Bram', 'Femke', 'Joris', 'Lotte', 'Ruben', 'Anouk'], last: ['de Vries', 'Jansen', 'Bakker', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder'] },
  { first: ['Maya', 'Daniel', 'Grace', 'Ethan', 'Olivia', 'Marcus', 'Chloe', 'Nathan', 'Emily', 'James'], last: ['Johnson', 'Williams', 'Brown', 'Taylor', 'Mitchell', 'Campbell', 'Robinson', 'Hughes', 'Bennett'] },
  { first: ['Andile', 'Thandiwe', 'Sipho', 'Lerato', 'Thabo', 'Zanele', 'Bongani', 'Naledi'], last: ['Dlamini', 'Nkosi', 'Mokoena', 'Khumalo', 'Zulu', 'Ndlovu', 'Mahlangu', 'Sithole'] },
  { first: ['Ximena', 'Alejandro', 'Valeria', 'Santiago', 'Daniela', 'Mateo', 'Renata', 'Emiliano'], last: ['Hernández', 'González', 'Ramírez', 'Flores', 'Cruz', 'Morales', 'Vargas', 'Mendoza'] },
  { first: ['Maria Clara', 'Jose', 'Angelica', 'Paolo', 'Kristine', 'Rafael', 'Bea', 'Miguel'], last: ['Santos', 'Reyes', 'Bautista', 'Villanueva', 'Dela Cruz', 'Mendoza', 'Aquino', 'Garcia'] },
];

// Where family names take the given name's gender, each half is its own culture.
CULTURES.push(
  { first: ['Dmitri', 'Sergei', 'Alexei', 'Mikhail'], last: ['Ivanov', 'Smirnov', 'Volkov', 'Kuznetsov', 'Sokolov', 'Morozov', 'Lebedev', 'Orlov'] },
  { first: ['Anastasia', 'Olga', 'Natalia', 'Yulia'], last: ['Ivanova', 'Smirnova', 'Volkova', 'Kuznetsova', 'Sokolova', 'Morozova', 'Lebedeva', 'Orlova'] },
  { first: ['Piotr', 'Tomasz', 'Paweł', 'Michał'], last: ['Nowak', 'Kowalski', 'Wiśniewski', 'Wójcik', 'Kamiński', 'Lewandowski', 'Zieliński', 'Szymański'] },
  { first: ['Katarzyna', 'Agnieszka', 'Magdalena', 'Zofia'], last: ['Nowak', 'Kowalska', 'Wiśniewska', 'Wójcik', 'Kamińska', 'Lewandowska', 'Zielińska', 'Szymańska'] },
  { first: ['Nikos', 'Giorgos', 'Yannis', 'Kostas'], last: ['Papadopoulos', 'Georgiou', 'Nikolaou', 'Dimitriou', 'Pappas', 'Vlachos', 'Antoniou', 'Karras'] },
  { first: ['Dimitra', 'Eleni', 'Katerina', 'Sofia'], last: ['Papadopoulou', 'Georgiou', 'Nikolaou', 'Dimitriou', 'Pappa', 'Vlachou', 'Antoniou', 'Karra'] },
);

const FOLD: Record<string, string> = { ß: 'ss', ø: 'o', æ: 'ae', œ: 'oe', ł: 'l', đ: 'd', ı: 'i', þ: 'th', ð: 'd' };

/** "Łukasz", "Nguyễn", "O’Brien", "de Vries" -> "lukasz", "nguyen", "obrien", "devries". */
export function asciiFold(text: string): string {
  return text
    .toLowerCase()
    .replace(/[ßøæœłđıþð]/g, (c) => FOLD[c] ?? c)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]/g, '');
}

const HANDLE_MAX = 32;

/**
 * Generates `count` people (at least the personas), with unique `first.last` handles. The
 * personas come first with their fixed names and roles; each department also gets one head.
 */
export function generatePeople(rng: Rng, count: number): SeedPerson[] {
  const people: SeedPerson[] = [];
  const taken = new Set<string>();
  const headsNeeded = new Map(DEPARTMENTS.map((d) => [d.name, d.head]));

  for (const persona of DEMO_PERSONAS) {
    const profile = PERSONA_PROFILES[persona.handle];
    if (!profile) throw new Error(`no profile for persona ${persona.handle}`);
    const isHead = headsNeeded.get(profile.department) === profile.title;
    if (isHead) headsNeeded.delete(profile.department);
    taken.add(persona.handle);
    people.push({
      handle: persona.handle,
      name: profile.name,
      firstName: profile.name.split(' ')[0] as string,
      email: `${persona.handle}@example.com`,
      title: profile.title,
      department: profile.department,
      roles: [...persona.roles],
      // The community manager is visibly busy; the others post like a keen colleague.
      activity: (persona.roles as readonly string[]).includes('community_manager') ? 4 : 1.5,
      leader: isHead || (persona.roles as readonly string[]).includes('executive') || persona.handle === 'ivan.petrov',
    });
  }

  const deptWeights = DEPARTMENTS.map((d) => d.share);
  const heads = [...headsNeeded.entries()];
  while (people.length < count) {
    const head = heads.shift();
    const department = head
      ? (DEPARTMENTS.find((d) => d.name === head[0]) as Department)
      : rng.weighted(DEPARTMENTS, deptWeights);
    const title = head ? head[1] : rng.weighted(department.titles.map((t) => t[0]), department.titles.map((t) => t[1]));
    const { first, last, handle } = uniqueName(rng, taken);
    taken.add(handle);
    const executive = EXECUTIVE_HEADS.has(title);
    const roles = executive ? ['employee', 'executive'] : ['employee'];
    const r = rng.next();
    people.push({
      handle,
      name: `${first} ${last}`,
      firstName: first,
      email: `${handle}@example.com`,
      title,
      department: department.name,
      roles,
      activity: 0.15 + 3 * r * r * r,
      leader: !!head,
    });
  }
  return people;
}

function uniqueName(rng: Rng, taken: Set<string>): { first: string; last: string; handle: string } {
  // Re-draw on a collision; only past a few thousand people do numbered handles appear.
  for (let attempt = 0; ; attempt++) {
    const culture = rng.pick(CULTURES);
    const first = rng.pick(culture.first);
    const last = rng.pick(culture.last);
    let handle = `${asciiFold(first)}.${asciiFold(last)}`.slice(0, HANDLE_MAX);
    if (attempt >= 40) {
      const suffix = String(attempt - 38);
      handle = `${handle.slice(0, HANDLE_MAX - suffix.length)}${suffix}`;
    }
    if (!taken.has(handle)) return { first, last, handle };
  }
}
