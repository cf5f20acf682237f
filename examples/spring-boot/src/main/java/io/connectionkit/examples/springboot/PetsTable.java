package io.connectionkit.examples.springboot;

import io.connectionkit.sql.SQLConnection;
import io.connectionkit.spring.ConnectionHandle;
import io.connectionkit.spring.ConnectionName;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/** Creates the pets table and its rows when the application starts, as a migration tool would. */
@Component
class PetsTable implements ApplicationRunner {

    private final ConnectionHandle<SQLConnection> pets;

    PetsTable(@ConnectionName("pets") ConnectionHandle<SQLConnection> pets) {
        this.pets = pets;
    }

    @Override
    public void run(ApplicationArguments args) {
        SQLConnection db = pets.get();
        db.inTransaction(tx -> {
            tx.execute("drop table if exists pets");
            tx.execute("create table pets (name text primary key, species text not null, age integer not null)");
            tx.batch("insert into pets (name, species, age) values (:name, :species, :age)", List.of(
                    Map.of("name", "Rex", "species", "dog", "age", 7),
                    Map.of("name", "Tom", "species", "cat", "age", 3),
                    Map.of("name", "Polly", "species", "parrot", "age", 12),
                    Map.of("name", "Nemo", "species", "fish", "age", 1)));
        });
    }
}
