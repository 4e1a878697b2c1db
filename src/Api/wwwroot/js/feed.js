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

// Adds a post unless it is already shown; returns whether it was new. Posts pushed live go on top, marked fresh.
export function addPost(post, onLike, { atTop = false } = {}) {
  if (items.has(post.postId)) return false;
  const li = render(post, onLike);
  items.set(post.postId, li);
  updateCounts(post);
  if (atTop) {
    li.classList.add('fresh');
    feed().prepend(li);
  } else {
    feed().append(li);
  }
  document.getElementById('feed-empty').hidden = true;
  return true;
}

export const shownPostIds = () => [...items.keys()];

export function clearFeed() {
  items.clear();
  feed().replaceChildren();
  document.getElementById('feed-empty').hidden = false;
}
