// The home feed list: one <li data-post-id> per post, newest first, each post at most once.
import { postElement, showCounts } from './posts.js';

const feed = () => document.getElementById('feed');
const items = new Map();

// Counts changed (a push, or after a like): every copy of the post on the page shows them, feed and views alike.
export function updateCounts(counts) {
  document.querySelectorAll(`li.post[data-post-id="${CSS.escape(counts.postId)}"]`).forEach(li => showCounts(li, counts));
}

// Adds a post unless it is already shown, in the order posts entered the feed (createdAt, or repostedAt for a repost;
// newest on top), and returns whether it was new. Inserting
// in order instead of re-rendering keeps a pushed post whose feed row the server has not stored yet when a page is read.
export function addPost(post, onLike, { fresh = false } = {}) {
  if (items.has(post.postId)) return false;
  const li = postElement(post, onLike);
  li.dataset.createdAt = String(Date.parse(post.repostedAt ?? post.createdAt));
  items.set(post.postId, li);
  showCounts(li, post);
  if (fresh) li.classList.add('fresh');
  const older = [...feed().children].find(other => Number(other.dataset.createdAt) < Number(li.dataset.createdAt));
  feed().insertBefore(li, older ?? null);
  document.getElementById('feed-empty').hidden = true;
  return true;
}

export function clearFeed() {
  items.clear();
  feed().replaceChildren();
  document.getElementById('feed-empty').hidden = false;
}
