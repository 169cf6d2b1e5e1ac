// Starts the local Neo4j that `idgraph db start` provisions: the embedded Community DBMS with its
// Bolt connector, configured entirely by the neo4j.conf that the Python side writes. Kept to one
// file so the JDK compiles it without a build tool; Python owns every decision (ports, memory,
// paths), this only starts, sets the local password and waits.
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: Launcher HOME_DIR NEO4J_CONF (password in IDGRAPH_NEO4J_PASSWORD)");
            System.exit(2);
        }
        Path home = Path.of(args[0]);
        Path conf = Path.of(args[1]);
        String password = System.getenv("IDGRAPH_NEO4J_PASSWORD");
        if (password == null || password.length() < 8) {
            System.err.println("IDGRAPH_NEO4J_PASSWORD must be set (8 characters or more)");
            System.exit(2);
        }
        DatabaseManagementService dbms =
                new DatabaseManagementServiceBuilder(home).loadPropertiesFromFile(conf).build();
        Runtime.getRuntime().addShutdownHook(new Thread(dbms::shutdown, "neo4j-shutdown"));
        setPasswordOnce(dbms.database("system"), home.resolve("password-set"), password);
        System.out.println("idgraph-neo4j ready");
        System.out.flush();
        Thread.currentThread().join();
    }

    // The built-in user starts with the password 'neo4j' and must change it; a marker file makes
    // this happen once, because ALTER USER refuses to set the password it already has.
    private static void setPasswordOnce(GraphDatabaseService system, Path marker, String password)
            throws Exception {
        if (Files.exists(marker)) {
            return;
        }
        system.executeTransactionally(
                "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
        Files.writeString(marker, "set\n");
    }
}
