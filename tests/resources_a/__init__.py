"""Wire tests of group A's areas: agents, users, calls, files and the rest."""
