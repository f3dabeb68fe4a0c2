package sinergi;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Test-only Neo4j Community server: Bolt on 127.0.0.1:PORT, everything stored
 * under DATADIR. Prints "READY bolt://127.0.0.1:PORT" on stdout once the default
 * database is available (nothing else goes to stdout), then runs until stdin
 * closes or the JVM gets SIGTERM/SIGINT.
 *
 * Auth is disabled unless PASSWORD is given (not "-"): then it is on and user
 * "neo4j" has that password. READ_ONLY "true" makes every user database
 * read-only (Community has no read-only users; a read-only database is how a
 * refused write happens there).
 *
 * Usage: java ... sinergi.TestNeo4jServer PORT DATADIR [PAGECACHE_MB [PASSWORD [READ_ONLY]]]
 */
public final class TestNeo4jServer {
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: TestNeo4jServer PORT DATADIR [PAGECACHE_MB]");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        Path home = Path.of(args[1]).toAbsolutePath();
        long pageCacheMb = args.length > 2 ? Long.parseLong(args[2]) : 256;
        String password = args.length > 3 && !args[3].equals("-") ? args[3] : null;
        boolean readOnly = args.length > 4 && Boolean.parseBoolean(args[4]);

        PrintStream stdout = System.out;
        System.setOut(System.err); // keep stdout for the READY line only

        if (readOnly) {
            // A database cannot be created read-only: create it (Bolt off), then reopen.
            DatabaseManagementService setup = builder(home, port, pageCacheMb, password, false)
                    .setConfig(BoltConnector.enabled, false)
                    .build();
            setup.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME)
                    .isAvailable(TimeUnit.MINUTES.toMillis(3));
            setPassword(setup, password);
            setup.shutdown();
        }
        DatabaseManagementService service = builder(home, port, pageCacheMb, password, readOnly).build();

        AtomicBoolean stopped = new AtomicBoolean();
        Runnable stop = () -> {
            if (stopped.compareAndSet(false, true)) {
                service.shutdown();
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "neo4j-shutdown"));

        if (!service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME)
                .isAvailable(TimeUnit.MINUTES.toMillis(3))) {
            System.err.println("default database did not become available");
            System.exit(1);
        }
        if (!readOnly) {
            setPassword(service, password);
        }
        stdout.println("READY bolt://127.0.0.1:" + port);
        stdout.flush();

        InputStream in = System.in;
        byte[] buf = new byte[256];
        while (in.read(buf) >= 0) {
            // ignore input; EOF means the parent is gone
        }
        stop.run();
        System.exit(0);
    }

    private static DatabaseManagementServiceBuilder builder(
            Path home, int port, long pageCacheMb, String password, boolean readOnly) {
        return new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(GraphDatabaseSettings.auth_enabled, password != null)
                .setConfig(GraphDatabaseSettings.read_only_database_default, readOnly)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb))
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                // Bolt otherwise waits 2 x 5 s for its thread pools on shutdown
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofMillis(200))
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(5));
    }

    /** The embedded API is not subject to auth: the password is set before Bolt users come. */
    private static void setPassword(DatabaseManagementService service, String password) {
        if (password == null) {
            return;
        }
        service.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                Map.of("password", password));
    }
}
