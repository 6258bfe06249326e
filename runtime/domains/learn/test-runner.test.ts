import { describe, expect, it } from 'vitest';
import { movePorts, offlineCommands } from './test-runner';

describe('the lesson test runner', () => {
  it('turns pulls from Docker Hub into a look at the local image, and leaves other registries’ pulls', () => {
    expect(offlineCommands('docker pull busybox:latest\n  docker image pull library/busybox')).toBe(
      'docker image inspect busybox:latest > /dev/null\n  docker image inspect library/busybox > /dev/null',
    );
    for (const line of [
      'docker pull localhost:5000/hello:1.0',
      'docker pull registry.example.com/team/app',
      'docker pull 127.0.0.1:5000/hello',
    ])
      expect(offlineCommands(line)).toBe(line);
  });

  it('moves the host ports a lesson names, and no other numbers', () => {
    const ports = new Map([
      [8080, 41000],
      [5000, 42000],
    ]);
    expect(movePorts('docker run -p 127.0.0.1:8080:80 x && curl http://localhost:8080', ports)).toBe(
      'docker run -p 127.0.0.1:41000:80 x && curl http://localhost:41000',
    );
    expect(movePorts('docker push localhost:5000/hello:1.0; echo 8080 localhost:9000', ports)).toBe(
      'docker push localhost:42000/hello:1.0; echo 8080 localhost:9000',
    );
  });
});
