// The home feed list: one <li data-post-id> per post, newest first, each post at most once. User text only ever goes
// through textContent.
const feed = () => document.getElementById('feed');
const items = new Map();

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function render(post, onLike) {
  const li = element('li', 'post');
  li.dataset.postId = post.postId;
  li.dataset.testid = 'post';

  const header = element('header');
  header.append(element('span', 'post-author', `@${post.authorHandle}`), element('time', 'post-time', new Date(post.createdAt).toLocaleString()));
  const like = element('button', 'like-button', '♥ Like');
  like.type = 'button';
  like.dataset.testid = 'like-button';
  like.addEventListener('click', () => onLike(post.postId, like.getAttribute('aria-pressed') !== 'true'));
  const likes = element('span', 'like-count');
  likes.dataset.testid = 'like-count';
  const comments = element('span', 'comment-count');
  const footer = element('footer');
  footer.append(like, likes, comments);

  li.append(header, element('p', 'post-text', post.text), footer);
  li.querySelector('time').dateTime = post.createdAt;
  return li;
}

export function updateCounts({ postId, likes, comments, likedByMe }) {
  const li = items.get(postId);
  if (!li) return;
  li.querySelector('.like-count').textContent = `${likes} ${likes === 1 ? 'like' : 'likes'}`;
  li.querySelector('.comment-count').textContent = `${comments} ${comments === 1 ? 'comment' : 'comments'}`;
  li.dataset.likes = likes;
  if (likedByMe !== undefined) {
    const like = li.querySelector('.like-button');
    like.setAttribute('aria-pressed', String(likedByMe));
    like.textContent = likedByMe ? '♥ Liked' : '♥ Like';
  }
}

// Adds a post unless it is already shown, in createdAt order (newest on top), and returns whether it was new. Inserting
// in order instead of re-rendering keeps a pushed post whose feed row the server has not stored yet when a page is read.
export function addPost(post, onLike, { fresh = false } = {}) {
  if (items.has(post.postId)) return false;
  const li = render(post, onLike);
  li.dataset.createdAt = String(Date.parse(post.createdAt));
  items.set(post.postId, li);
  updateCounts(post);
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
