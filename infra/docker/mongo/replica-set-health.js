// Healthcheck of the `mongo` service in docker-compose.yml, run by mongosh inside the container.
// MongoDB runs as a single-node replica set (rs0), as production does, so the services connect
// with the same kind of URL (?replicaSet=rs0). The first run initiates the set; the check passes
// only once this node is a writable primary, so services that wait for `service_healthy` can
// write at once.
// The member host must be the compose service name that the services' MONGO_URL uses.
/* global rs, db, quit */
const replicaSet = { _id: 'rs0', members: [{ _id: 0, host: 'mongo:27017' }] };

// A mongod started with --replSet but never initiated answers hello without a setName
// (and with isreplicaset: true); once initiated, setName stays, also across restarts.
if (!db.hello().setName) rs.initiate(replicaSet);

quit(db.hello().isWritablePrimary ? 0 : 1);
