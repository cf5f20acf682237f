package io.connectionkit.examples.springboot;

import io.connectionkit.api.QueryOptions;
import io.connectionkit.spring.ConnectionHandle;
import io.connectionkit.spring.ConnectionName;
import io.connectionkit.sql.SQLConnection;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.List;

/** {@code GET /pets?minAge=3}: the pets at least that old, oldest first, as JSON. */
@RestController
class PetsController {

    /** A row of the result, mapped by column name; Spring writes it as a JSON object. */
    record Pet(String name, String species, int age) {
    }

    private final ConnectionHandle<SQLConnection> pets;

    PetsController(@ConnectionName("pets") ConnectionHandle<SQLConnection> pets) {
        this.pets = pets;
    }

    /** Runs the query at most once a minute per {@code minAge}; the other requests read the cache. */
    @GetMapping("/pets")
    List<Pet> pets(@RequestParam(defaultValue = "0") int minAge) {
        return pets.get()
                .query("select name, species, age from pets where age >= :min_age order by age desc",
                        QueryOptions.ttl(Duration.ofMinutes(1)).param("min_age", minAge))
                .as(Pet.class);
    }
}
