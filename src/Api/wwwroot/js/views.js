// The pages besides the home feed, by location hash: #/tag/{tag}, #/search/{query}, #/user/{handle},
// #/notifications. Each shows a head and a paged list ("More" follows nextCursor); #/ is the home feed.
import { deleteAccountForm } from './account.js';
import { api } from './api.js';
import { button, element, link, userHref, userItem } from './dom.js';
import { postElement, showCounts } from './posts.js';

const $ = id => document.getElementById(id);
let onLike = () => {};
let onRead = () => {};
let onAccountDeleted = () => {};
// Each page shown gets the next number; a page whose number is no longer current (the user went on, or a toggle
// re-rendered it) stops at its next step instead of adding to the page that replaced it.
let current = 0;
const stale = page => page !== current;

export function configureViews(handlers) {
  ({ onLike, onRead, onAccountDeleted } = handlers);
}

function open(title) {
  $('home').hidden = true;
  $('view').hidden = false;
  $('view-head').replaceChildren(element('h2', null, title));
  $('view-list').replaceChildren();
  $('view-empty').hidden = true;
  $('view-more').hidden = true;
  return ++current;
}

// Appends pages of `path` (a list endpoint) to the view of page number `mine`, rendering each item with `render`.
async function list(mine, path, render) {
  const separator = path.includes('?') ? '&' : '?';
  const load = async cursor => {
    const page = await api('GET', cursor ? `${path}${separator}cursor=${encodeURIComponent(cursor)}` : path);
    if (stale(mine)) return;
    $('view-list').append(...page.items.map(render));
    $('view-empty').hidden = $('view-list').children.length > 0;
    $('view-more').hidden = !page.nextCursor;
    $('view-more').onclick = () => load(page.nextCursor);
  };
  await load(null);
}

function renderPost(post) {
  const li = postElement(post, onLike);
  showCounts(li, post);
  return li;
}

const renderUser = user => userItem(user, 'user');

function renderNotification(notification) {
  const li = element('li', `notification${notification.read ? '' : ' unread'}`);
  li.dataset.testid = 'notification';
  li.dataset.type = notification.type;
  const what = { follow: 'followed you', like: 'liked your post', comment: 'commented on your post', mention: 'mentioned you', repost: 'reposted your post' };
  li.append(link(`@${notification.actorHandle}`, userHref(notification.actorHandle), 'post-author'),
    element('span', null, ` ${what[notification.type] ?? notification.type}`),
    element('time', 'post-time', ` ${new Date(notification.createdAt).toLocaleString()}`));
  return li;
}

async function showTag(tag) {
  const mine = open(`#${tag}`);
  await list(mine, `/tags/${encodeURIComponent(tag)}/posts`, renderPost);
}

async function showSearch(query) {
  const mine = open(`Search: ${query}`);
  const people = await api('GET', `/search/users?q=${encodeURIComponent(query.replace(/^@/, ''))}&limit=5`);
  if (stale(mine)) return;
  if (people.items.length) {
    const found = element('ul', 'people');
    found.dataset.testid = 'people';
    found.append(...people.items.map(renderUser));
    $('view-head').append(found);
  }
  await list(mine, `/search/posts?q=${encodeURIComponent(query)}`, renderPost);
}

// A relation toggle on a profile: follow, block or mute, showing what a click will do.
function toggle(profile, field, on, off, path) {
  const active = profile[field];
  return button(active ? off : on, `${path}-button`, async () => {
    // One change at a time: the profile is read again after it, with every toggle as it now stands.
    $('view-head').querySelectorAll('button').forEach(other => { other.disabled = true; });
    await api(active ? 'DELETE' : 'PUT', `/users/${encodeURIComponent(profile.userId)}/${path}`);
    await showUser(profile.handle);
  });
}

async function showUser(handle) {
  const profile = await api('GET', `/users/${encodeURIComponent(handle)}`);
  const mine = open(profile.displayName);
  const head = $('view-head');
  head.dataset.userId = profile.userId;
  const counts = element('p', 'muted', `@${profile.handle} · ${profile.followers} followers · ${profile.following} following · ${profile.posts} posts`);
  counts.dataset.testid = 'profile-counts';
  head.append(counts, element('p', null, profile.bio));
  const me = await api('GET', '/users/me');
  if (stale(mine)) return;
  if (profile.userId !== me.userId) {
    const actions = element('div', 'actions');
    actions.append(
      toggle(profile, 'followedByMe', 'Follow', 'Unfollow', 'follow'),
      toggle(profile, 'mutedByMe', 'Mute', 'Unmute', 'mute'),
      toggle(profile, 'blockedByMe', 'Block', 'Unblock', 'block'));
    head.append(actions);
  } else {
    head.append(deleteAccountForm(onAccountDeleted));
  }
  await list(mine, `/users/${encodeURIComponent(profile.userId)}/posts`, renderPost);
}

async function showNotifications() {
  const mine = open('Notifications');
  await list(mine, '/notifications', renderNotification);
  await api('POST', '/notifications/read');
  onRead();
}

// Shows the page the hash names; body[data-view-ready] marks it settled for the end-to-end tests.
export async function route() {
  delete document.body.dataset.viewReady;
  const [, page = '', ...rest] = location.hash.split('/');
  const argument = decodeURIComponent(rest.join('/'));
  const error = $('view-error');
  error.textContent = '';
  try {
    if (page === 'tag' && argument) await showTag(argument);
    else if (page === 'search' && argument) await showSearch(argument);
    else if (page === 'user' && argument) await showUser(argument);
    else if (page === 'notifications') await showNotifications();
    else {
      $('view').hidden = true;
      $('home').hidden = false;
    }
  } catch (failure) {
    error.textContent = failure.message;
  }
  document.body.dataset.viewReady = location.hash || '#/';
}
