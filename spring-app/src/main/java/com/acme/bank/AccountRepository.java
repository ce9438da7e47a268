package com.acme.bank;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface AccountRepository extends JpaRepository<Account, Long> {
    @Query("select coalesce(sum(a.balance), 0) from Account a")
    long total();

    @Modifying
    @Query("update Account a set a.balance = a.balance + :delta where a.id = :id")
    int add(@Param("id") long id, @Param("delta") long delta);
}
