package com.acme.bank;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Writes the ledger; called inside a transfer, its transaction joins the transfer's (propagation REQUIRED). */
@Service
public class LedgerService {
    private final LedgerRepository ledger;

    public LedgerService(LedgerRepository ledger) {
        this.ledger = ledger;
    }

    @Transactional
    public void record(long from, long to, long amount) {
        ledger.save(new LedgerEntry(from, to, amount));
    }
}
