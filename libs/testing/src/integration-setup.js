// Integration tests talk to real servers: give each test a generous deadline of its own.
jest.setTimeout(60_000);
