// Placeholder until cluster mode: the silo process joins a PostgreSQL cluster.
return 0;
