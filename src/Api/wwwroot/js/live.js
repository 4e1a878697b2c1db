// The live connection to /hubs/feed through the official SignalR client (global `signalR`, loaded before this module).
// It keeps the watched posts across reconnects, since the server forgets a connection's watches when it drops.
import { accessToken } from './api.js';

const watched = new Set();
let connection = null;

function showState(state) {
  const status = document.getElementById('live-status');
  status.dataset.state = state;
  status.textContent = state;
}

// handlers: { feedPost(post), notification(n), postUpdated({postId, likes, comments}) }.
export async function connect(handlers) {
  await disconnect();
  connection = new signalR.HubConnectionBuilder()
    .withUrl('/hubs/feed', { accessTokenFactory: accessToken })
    .withAutomaticReconnect()
    .configureLogging(signalR.LogLevel.Warning)
    .build();
  for (const [name, handler] of Object.entries(handlers)) connection.on(name, handler);
  connection.onreconnecting(() => showState('connecting'));
  connection.onreconnected(() => { showState('live'); watched.forEach(invokeWatch); });
  connection.onclose(() => showState('offline'));

  showState('connecting');
  try {
    await connection.start();
    showState('live');
    watched.forEach(invokeWatch);
  } catch (error) {
    showState('offline');
    console.warn('live updates unavailable', error);
  }
}

function invokeWatch(postId) {
  if (connection?.state === signalR.HubConnectionState.Connected) {
    connection.invoke('WatchPost', postId).catch(error => console.warn('WatchPost failed', postId, error));
  }
}

export function watch(postId) {
  if (watched.has(postId)) return;
  watched.add(postId);
  invokeWatch(postId);
}

export async function disconnect() {
  watched.clear();
  const closing = connection;
  connection = null;
  if (closing) await closing.stop();
}
