const privacy = {
  identity_number: "”{{match}}” liknar ett personnummer eller samordningsnummer.",
  email: "”{{match}}” är en e-postadress.",
  phone: "”{{match}}” liknar ett telefonnummer.",
  person_name: "Texten ser ut att innehålla namnet på en person.",
  why: "Texten ser ut att innehålla personuppgifter (namn, personnummer, e-post eller telefonnummer). Skriv utan uppgifter som pekar ut en person.",
};

export default privacy;
