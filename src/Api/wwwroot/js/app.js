// Wires the page: log in or register, then the feed, composing, likes, follows, the notification badge, search and
// the other pages (views.js).
import { api, currentUser, login, logout, register } from './api.js';
import { addPost, clearFeed, updateCounts } from './feed.js';
import { connect, disconnect, watch } from './live.js';
import { userItem } from './dom.js';
import { configureViews, route } from './views.js';

const $ = id => document.getElementById(id);
let unread = 0;

function setUnread(count) {
  unread = count;
  $('notification-badge').textContent = String(count);
  $('notification-badge').dataset.count = String(count);
}

// Shows a post and watches it, so likes and comments by others update its counts live.
function show(post, options) {
  if (addPost(post, toggleLike, options)) watch(post.postId);
}

async function toggleLike(postId, like) {
  try {
    await api(like ? 'PUT' : 'DELETE', `/posts/${encodeURIComponent(postId)}/like`);
    updateCounts(await api('GET', `/posts/${encodeURIComponent(postId)}`));
  } catch (error) {
    console.warn('like failed', error);
  }
}

// body[data-ready] marks a settled page (feed and badge loaded), for people's scripts and the end-to-end tests.
async function start() {
  delete document.body.dataset.ready;
  const user = currentUser();
  $('auth').hidden = !!user;
  $('app').hidden = $('session').hidden = !user;
  clearFeed();
  if (!user) {
    document.body.dataset.ready = 'true';
    return;
  }
  $('me').textContent = `@${user.handle}`;
  $('nav-profile').href = `#/user/${encodeURIComponent(user.handle)}`;

  // Connect first, so a post published while the first page loads arrives live instead of falling in between.
  await connect({
    feedPost: post => show(post, { fresh: true }),
    notification: () => setUnread(unread + 1),
    postUpdated: updateCounts,
  }, resync);
  await resync();
  await route();
  document.body.dataset.ready = 'true';
}

// The server's view: at start, and after a reconnect, since pushes sent while the connection was down are lost.
async function resync() {
  await loadFeed();
  await loadSuggestions();
  setUnread((await api('GET', '/notifications?limit=1')).unread);
}

// Up to five people followed by the people you follow, each a link to their profile.
async function loadSuggestions() {
  const { items } = await api('GET', '/users/me/suggestions?limit=5');
  $('suggestion-list').replaceChildren(...items.map(user => userItem(user, 'suggestion')));
  $('suggestions').hidden = items.length === 0;
}

// Merges the first page of the home feed into what is on screen (never clears it: a pushed post may not be stored yet).
async function loadFeed() {
  (await api('GET', '/feed')).items.forEach(post => show(post));
}

// A failed start (say, a session that can no longer be refreshed) falls back to the login form.
function boot() {
  return start().catch(async error => {
    console.warn('start failed', error);
    if (!currentUser()) await start();
  });
}

async function withError(target, action) {
  target.textContent = '';
  try {
    await action();
  } catch (error) {
    target.textContent = error.message;
  }
}

$('auth-form').addEventListener('submit', event => {
  event.preventDefault();
  const handle = $('auth-handle').value.trim();
  const password = $('auth-password').value;
  const registering = event.submitter?.value === 'register';
  $('auth-status').textContent = '';
  withError($('auth-error'), async () => {
    await (registering ? register(handle, $('auth-display-name').value.trim() || handle, password) : login(handle, password));
    $('auth-password').value = '';
    boot();
  });
});

$('compose').addEventListener('submit', event => {
  event.preventDefault();
  withError($('compose-error'), async () => {
    // The hub does not echo a post to its author, so the author's own post is added here.
    show(await api('POST', '/posts', { text: $('compose-text').value }), { fresh: true });
    $('compose-text').value = '';
  });
});

$('follow-form').addEventListener('submit', event => {
  event.preventDefault();
  const handle = $('follow-handle').value.trim().replace(/^@/, '');
  withError($('follow-status'), async () => {
    const profile = await api('GET', `/users/${encodeURIComponent(handle)}`);
    await api('PUT', `/users/${encodeURIComponent(profile.userId)}/follow`);
    $('follow-status').textContent = `Following @${profile.handle}`;
    $('follow-handle').value = '';
    // The followee's recent posts are in the feed now, among the ones on screen; whom they follow may be suggested.
    await loadFeed();
    await loadSuggestions();
  });
});

// After DELETE /users/me the tokens no longer work: end the session here and say what happened.
async function accountDeleted() {
  await disconnect();
  await logout();
  location.hash = '#/';
  await boot();
  $('auth-status').textContent = 'Your account is being deleted.';
}

configureViews({ onLike: toggleLike, onRead: () => setUnread(0), onAccountDeleted: accountDeleted });
window.addEventListener('hashchange', () => { if (currentUser()) route(); });

$('search-form').addEventListener('submit', event => {
  event.preventDefault();
  const query = $('search-q').value.trim();
  // A lone #tag opens its page; anything else searches posts and people.
  location.hash = /^#[\p{L}\p{Nd}_]{1,50}$/u.test(query) ? `#/tag/${encodeURIComponent(query.slice(1).toLowerCase())}` : `#/search/${encodeURIComponent(query)}`;
});

$('notifications').addEventListener('click', () => {
  api('POST', '/notifications/read').then(() => setUnread(0), error => console.warn('mark read failed', error));
});

$('logout').addEventListener('click', async () => {
  await disconnect();
  await logout();
  boot();
});

boot();
