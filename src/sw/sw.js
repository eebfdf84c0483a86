// Kubelab's service worker: after the first visit the whole lab (editor, schema, lessons in both
// languages) works with the network off. The build (scripts/offline.ts) fills in VERSION and
// FILES, every file of that build. The page is fetched network-first, so a new version is
// picked up on the next load when online; everything else comes from the cache. The student's
// work lives in localStorage, which a new version never touches.

/* global __FILES__ */
const VERSION = '__VERSION__';
const FILES = __FILES__;
const CACHE = `kubelab-${VERSION}`;
/** How long a page load waits for the network before it uses the cached page. */
const PAGE_TIMEOUT_MS = 4000;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(FILES))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('kubelab-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

function networkFirst(request) {
  return new Promise((resolve) => {
    let settled = false;
    const fallback = () => {
      if (settled) return;
      settled = true;
      resolve(caches.open(CACHE).then((c) => c.match('./index.html', { ignoreVary: true })).then((hit) => hit || Response.error()));
    };
    const timer = setTimeout(fallback, PAGE_TIMEOUT_MS);
    fetch(request).then(
      (response) => {
        clearTimeout(timer);
        if (settled) return;
        settled = true;
        resolve(response);
      },
      () => {
        clearTimeout(timer);
        fallback();
      },
    );
  });
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(networkFirst(request));
    return;
  }
  event.respondWith(
    caches
      .open(CACHE)
      .then((c) => c.match(request, { ignoreSearch: true, ignoreVary: true }))
      .then((hit) => hit || fetch(request)),
  );
});
