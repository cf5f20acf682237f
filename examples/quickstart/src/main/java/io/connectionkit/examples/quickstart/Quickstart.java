package io.connectionkit.examples.quickstart;

import io.connectionkit.api.QueryOptions;
import io.connectionkit.api.QueryResult;
import io.connectionkit.core.Connections;
import io.connectionkit.sql.SQLConnection;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The quickstart: a named SQL connection configured in {@code .streamlit/secrets.toml}, a table
 * filled in one batch, and a parameterised query whose second run comes from the cache.
 */
public final class Quickstart {

    /** A row of the result, mapped by column name. */
    record Pet(String name, String species, int age) {
    }

    private Quickstart() {
    }

    public static void main(String[] args) {
        SQLConnection db = Connections.get("pets", SQLConnection.class);
        System.out.println("Connected: " + db);

        db.execute("drop table if exists pets");
        db.execute("create table pets (name text primary key, species text not null, age integer not null)");
        db.batch("insert into pets (name, species, age) values (:name, :species, :age)", List.of(
                Map.of("name", "Rex", "species", "dog", "age", 7),
                Map.of("name", "Tom", "species", "cat", "age", 3),
                Map.of("name", "Polly", "species", "parrot", "age", 12),
                Map.of("name", "Nemo", "species", "fish", "age", 1)));

        String sql = "select name, species, age from pets where age >= :min_age order by age desc";
        QueryOptions tenMinutes = QueryOptions.ttl(Duration.ofMinutes(10)).param("min_age", 3);
        QueryResult first = db.query(sql, tenMinutes);
        QueryResult second = db.query(sql, tenMinutes);

        System.out.println(first);
        System.out.println("Second query served from the cache: " + (second == first));
        List<Pet> pets = first.as(Pet.class);
        System.out.println("Oldest pet: " + pets.get(0));
        System.out.println("Query cache: " + Connections.registry().queryCacheStats());
        Connections.registry().close();
    }
}
