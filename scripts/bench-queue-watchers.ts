// The watchers of `npm run bench:queue`, in their own process so their reading never delays
// the load generator's clock: N raw WebSocket connections to /queue/ws that read and count
// every byte without parsing (a board's parsing happens on the board, not on the server).
// Like a browser they offer permessage-deflate, so they get the compressed frames.
// Prints "ready" once all are open and a JSON line of totals when stdin closes.
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

const [port, countArg] = process.argv.slice(2);
const count = Number(countArg);
let bytes = 0;
const sockets: Socket[] = [];

function open(): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.write(
        `GET /queue/ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n`,
      );
    });
    let upgraded = false;
    socket.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (!upgraded && chunk.includes('101 Switching Protocols')) {
        upgraded = true;
        resolve(socket);
      }
    });
  });
}

for (let i = 0; i < count; i += 1) sockets.push(await open());
bytes = 0;
process.stdout.write('ready\n');
process.stdin.resume();
process.stdin.on('end', () => {
  process.stdout.write(`${JSON.stringify({ bytes })}\n`);
  for (const socket of sockets) socket.destroy();
  process.exit(0);
});
