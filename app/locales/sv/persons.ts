// Persons: the identity shared by plans, and each plan's own details (docs/decisions/0010).
const svPersons = {
  unnamed: "(namn saknas)",
  nameMissing: "Planen saknar personens namn. Fyll i det under Ändra.",
  protectedBy: "Markerat {{date}} av {{name}}, {{organisation}}.",
  lift: "Ta bort markeringen",
  liftHint:
    "Ta bara bort markeringen om personen inte längre har skyddade personuppgifter. Markeringen gäller personnumret, inte bara den här planen.",
  protectionLifted: "Markeringen om skyddade personuppgifter är borttagen.",
};

export default svPersons;
