// The realtime contract of shared/api.md, checked against the running Api with the official SignalR client.
// The Api under test runs with Playbound:Feed:CelebrityThreshold=2, so an author with two followers is a celebrity.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, delay, follow, hub, like, publish, register } from './client.js';

// How long a connection must stay silent to count as having received nothing.
const GRACE_MS = 1500;
const open = [];

async function connected(user) {
  const client = await connect(user);
  open.push(client);
  return client;
}

after(() => Promise.all(open.map(client => client.stop())));

test('a follower receives feedPost for a normal author\'s post; the author and a stranger receive nothing', async () => {
  const [author, follower, stranger] = await Promise.all([register('author'), register('follower'), register('stranger')]);
  await follow(follower, author);
  const [followerHub, authorHub, strangerHub] = await Promise.all([follower, author, stranger].map(connected));

  const post = await publish(author, 'hello followers');
  const pushed = await followerHub.next('feedPost', p => p.postId === post.postId);

  assert.deepEqual({ ...pushed, likedByMe: false }, { ...post, likedByMe: false });
  await delay(GRACE_MS);
  assert.deepEqual(authorHub.received.filter(push => push.name === 'feedPost'), []);
  assert.deepEqual(strangerHub.received, []);
});

test('a celebrity\'s post reaches a connected follower', async () => {
  const [celebrity, fan, otherFan] = await Promise.all([register('celebrity'), register('fan'), register('fan')]);
  await follow(fan, celebrity);
  await follow(otherFan, celebrity);
  const fanHub = await connected(fan);

  const post = await publish(celebrity, 'hello, all two of you');

  const pushed = await fanHub.next('feedPost', p => p.postId === post.postId);
  assert.equal(pushed.authorHandle, celebrity.handle);
  assert.equal(pushed.text, 'hello, all two of you');
});

test('a like notifies the author and updates the counts of a watcher, and no one else', async () => {
  const [author, liker, watcher, bystander] = await Promise.all(['author', 'liker', 'watcher', 'bystander'].map(register));
  const post = await publish(author, 'like me');
  const [authorHub, watcherHub, bystanderHub] = await Promise.all([author, watcher, bystander].map(connected));
  await watcherHub.connection.invoke('WatchPost', post.postId);

  await like(liker, post);

  const notification = await authorHub.next('notification', n => n.type === 'like' && n.postId === post.postId);
  assert.equal(notification.actorId, liker.userId);
  assert.equal(notification.actorHandle, liker.handle);
  assert.equal(notification.read, false);
  const updated = await watcherHub.next('postUpdated', u => u.postId === post.postId && u.likes === 1);
  assert.deepEqual(updated, { postId: post.postId, likes: 1, comments: 0 });
  await delay(GRACE_MS);
  assert.deepEqual(bystanderHub.received, []);
  assert.deepEqual(watcherHub.received.filter(push => push.name === 'notification'), []);
});

test('UnwatchPost stops postUpdated for that post', async () => {
  const [author, liker, watcher] = await Promise.all(['author', 'liker', 'watcher'].map(register));
  const post = await publish(author, 'watch me, then do not');
  const watcherHub = await connected(watcher);
  await watcherHub.connection.invoke('WatchPost', post.postId);
  await watcherHub.connection.invoke('UnwatchPost', post.postId);

  await like(liker, post);
  await delay(GRACE_MS);

  assert.deepEqual(watcherHub.received, []);
});

test('WatchPost with a malformed post id fails with a hub error and keeps the connection', async () => {
  const user = await register('watcher');
  const client = await connected(user);

  // The client shows "HubException: ..." only for errors the hub raised on purpose, not for crashes.
  await assert.rejects(client.connection.invoke('WatchPost', 'not a post id'), /HubException/);
  assert.equal(client.connection.state, 'Connected');
});

test('a connection without an access token is refused with 401', async () => {
  await assert.rejects(hub().start(), /401|Unauthorized/);
});

test('a connection with a forged access token is refused with 401', async () => {
  await assert.rejects(hub(() => 'not.a.jwt').start(), /401|Unauthorized/);
});
