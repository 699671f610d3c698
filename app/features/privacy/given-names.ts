// Common Swedish given names, lower-case: the guard refuses one of these followed by a
// capitalised word ("Mikael Provsson") as name-shaped, whether or not such a person exists.
// Drawn from the most common first names in Sweden across generations and the largest
// immigrant groups. A longer list catches more names and refuses more ordinary text; see
// docs/decisions/0014-personal-data-guard.md before growing it.
const NAMES = `
abdi abdullah abdullahi adam adrian agnes agneta ahmad ahmed aisha albin alexander alexandra alfred ali alice
alma alva alvin amal amanda amelia amina amir amira anders andreas anette ann ann-christin ann-sofie anna
anne-marie anneli annelie annette annika anton arne arvid asta astrid aurora axel ayla ayse aïsha barbro
beatrice bengt benjamin berit bertil birger birgitta björn bo britt britta camilla carina caroline casper
catarina cecilia charlie charlotta charlotte christer christian christina clara colin conny curt dagmar dalia
dan daniel dante david dennis doris ebba eddie edith edvin egon einar elena eleonora elias elif elin elina
elisabet elisabeth elise ella ellen ellinor elliot elof elsa elsie elton elvira emelia emelie emil emilia
emma emmy erik erika estelle ester esther eva eva-lena evelina evert ewa fadumo fanny farah fatima felicia
filip filippa folke frank frans fredrik freja frida gabriel gabriella georg gerd glenn greta gudrun gun
gunilla gunnar gunnel gustaf gustav göran gösta hamid hampus hanan hanna hannah hans harald harry hassan hawa
hedda hedvig helen helena helge helén henrik hiba hilda hodan holger hugo hussain hussein ibrahim ida idris
idun ines inga ingegerd ingela inger ingrid irene iris irma isa isabella isabelle isak ismail ivar jack jacob
jakob jan jari jasmin jasmine jeanette jenny jens jesper jessica jimmy joakim joel johan johanna johannes
johnny jonas jonathan josef josefin josefine josephine julia juni jörgen kajsa kalle karim karin karina karl
karolina katarina katrin kenneth kent kerstin kevin khalid kim kjell klara kristian kristin kristina kristine
kurt lage lara lars lasse layla lea leah leif leila lena lennart leo leonard levi liam lias lilian lilly lina
linda linn linnea linnéa linus lisa lisa-marie lisbeth liv loke lotta louice louise lovisa lucas lucia ludvig
lukas madeleine magdalena magne magnus maja majken malin malte malva marcus margareta maria mariam marianne
marie marita markus martin maryam mathias mathilda matilda mats matteo mattias mauritz max mehmet meja melvin
mia michael mikael mikaela mikko milo moa mohamed mohammad mohammed molly mona monica monika morgan muhammad
mustafa märta nadia natalie nathalie nellie neo nicklas nicolas niklas nils nina nisse noah noor nora norah
nour nova oliver olivia olle olof olov omar oscar oskar otto ove owe patrick patrik paula pekka pelle per
peter petra pia pontus ragnar rakel rami rana rasmus rebecca rebecka renée reza robert roger roland rolf
ronja ronny rosa roya rune rut ruth saga sahar salma sam samir samira samuel sandra sanna sara sebastian
selma shirin signe sigrid simon simone siri sixten sofia sofie solveig sonja sonny stefan stella sten
stephanie stig stina sture sumaya sune susanna susanne svea sven tage theo theodor therese therése thomas
tilda tim timo tina tindra tobias tom tommy tony tor torbjörn tore torsten tove ture tuva tyra ulf ulla ulrik
ulrika uno urban valdemar valter vanessa vera victor victoria viggo viktor viktoria vilgot vilma vincent
viola walter wendela wilhelm wille william wilma yasin yasmin ylva yngve youssef yusuf yvonne zainab zeynep
åke åsa
`;

export const GIVEN_NAMES: ReadonlySet<string> = new Set(NAMES.split(/\s+/).filter(Boolean));
