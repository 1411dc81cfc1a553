// The demo intranet's own behaviour: the "View as" switcher, the collapsible menu and dates
// relative to today. No inline script, no HTML strings (the page enforces Trusted Types).

const COOKIE = 'hearth_demo_person';
const DEFAULT_PERSON = 'maria.lopez';
const DAY = 86_400_000;

function chosenPerson() {
  for (const part of document.cookie.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === COOKIE) {
      try {
        return decodeURIComponent(value.join('='));
      } catch {
        return DEFAULT_PERSON;
      }
    }
  }
  return DEFAULT_PERSON;
}

function initials(name) {
  const words = name.split(/\s+/).filter(Boolean);
  const first = words[0]?.[0] ?? '';
  const last = words.length > 1 ? words[words.length - 1][0] : '';
  return (first + last).toUpperCase();
}

function showPerson(name) {
  const nameEl = document.getElementById('demo-name');
  const avatar = document.getElementById('demo-avatar');
  if (nameEl) nameEl.textContent = name;
  if (avatar) avatar.textContent = initials(name);
}

async function setUpSwitcher() {
  const select = document.getElementById('view-as');
  if (!(select instanceof HTMLSelectElement)) return;
  const current = chosenPerson();
  select.value = current;
  if (select.value !== current) select.value = DEFAULT_PERSON;
  showPerson(select.selectedOptions[0]?.textContent?.replace(/\s*\(.*\)$/, '') ?? '');

  select.addEventListener('change', () => {
    document.cookie = `${COOKIE}=${encodeURIComponent(select.value)}; path=/; SameSite=Lax`;
    location.reload();
  });

  // The server knows the personas' names and jobs; the static options are the fallback.
  let people;
  try {
    const response = await fetch('/demo/people', { headers: { accept: 'application/json' } });
    if (!response.ok) return;
    people = await response.json();
  } catch {
    return;
  }
  if (!Array.isArray(people) || people.length === 0) return;
  const options = people.map((p) => {
    const option = new Option(`${p.name} (${p.label})`, p.handle);
    option.title = [p.title, p.department].filter(Boolean).join(', ');
    return option;
  });
  select.replaceChildren(...options);
  select.value = people.some((p) => p.handle === current) ? current : people[0].handle;
  const me = people.find((p) => p.handle === select.value);
  if (me) showPerson(me.name);
}

function setUpMenu() {
  const toggle = document.querySelector('.nav-toggle');
  const nav = document.getElementById('site-nav');
  if (!toggle || !nav) return;
  toggle.addEventListener('click', () => {
    const open = nav.classList.toggle('open');
    toggle.setAttribute('aria-expanded', String(open));
  });
}

// News and events move with today, like the seeded feed does. The page is in British English:
// its dates are written out by hand rather than with Intl.DateTimeFormat, whose first use on a
// page sets up ICU (20 to 60 ms cold, measured by `npm run bench:web`); the widgets make their
// own formatters while the page is idle.
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function setUpDates() {
  const today = new Date();
  today.setHours(12, 0, 0, 0);
  for (const time of document.querySelectorAll('time[data-days-ago], time[data-days-ahead]')) {
    const ago = Number(time.dataset.daysAgo ?? 0);
    const ahead = Number(time.dataset.daysAhead ?? 0);
    let date = new Date(today.getTime() + (ahead - ago) * DAY);
    // Events fall on working days.
    if (ahead && date.getDay() === 6) date = new Date(date.getTime() + 2 * DAY);
    if (ahead && date.getDay() === 0) date = new Date(date.getTime() + DAY);
    const month = MONTHS[date.getMonth()];
    time.dateTime = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
    if (time.dataset.format === 'calendar') {
      const day = document.createElement('span');
      day.className = 'day';
      day.textContent = String(date.getDate());
      // "Dec", as en-GB's short month (September is "Sept" there).
      time.replaceChildren(day, month === 'September' ? 'Sept' : month.slice(0, 3));
    } else {
      time.textContent = `${date.getDate()} ${month} ${date.getFullYear()}`;
    }
  }
}

/**
 * The company sign-in demo (`npm run demo:sso`) has a Sign out button: it ends the Hearth
 * sign-in through `<hearth-config>`, whose widgets then offer Sign in, and goes on to the
 * identity provider's sign-out page to end the company sign-in too.
 */
function setUpSignOut() {
  const button = document.getElementById('sign-out');
  const config = document.querySelector('hearth-config');
  if (!button || !config) return;
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await customElements.whenDefined('hearth-config');
      const endSessionUrl = await config.signOut();
      if (endSessionUrl) location.assign(endSessionUrl);
    } finally {
      button.disabled = false;
    }
  });
}

setUpMenu();
setUpDates();
setUpSignOut();
void setUpSwitcher();
