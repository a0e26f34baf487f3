-- The index of memberships by school alone (V1) is the first column of both sort-key indexes (V22),
-- which answer every lookup by school: one index less for each membership an import writes. (H2
-- keeps it: there it backs the foreign key to the school.)
drop index membership_school;
