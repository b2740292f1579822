-- Avalanche's C-Chain is `avacchain`, Coinbase's name for it: rows made while the app said
-- `avalanche` keep their explorer link and name, and a started one can still take its report.
UPDATE "ramp_transaction" SET "network" = 'avacchain' WHERE "network" = 'avalanche';
