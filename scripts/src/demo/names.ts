/**
 * Name pools for demo people. Foreign pools use the Latin transliterations that Italian registry
 * offices commonly record, since the fiscal code is built from them.
 */

export type NameCulture =
  | 'italian'
  | 'maghrebi'
  | 'albanian'
  | 'romanian'
  | 'westAfricanEnglish'
  | 'sahelian'
  | 'ukrainian'
  | 'pakistani'
  | 'bangladeshi'
  | 'andean';

export interface NamePool {
  male: readonly string[];
  female: readonly string[];
  family: readonly string[];
}

export const NAME_POOLS: Readonly<Record<NameCulture, NamePool>> = {
  italian: {
    male: [
      'Marco', 'Alessandro', 'Andrea', 'Luca', 'Francesco', 'Matteo', 'Lorenzo', 'Davide', 'Simone', 'Federico',
      'Riccardo', 'Gabriele', 'Stefano', 'Paolo', 'Giuseppe', 'Antonio', 'Giovanni', 'Roberto', 'Fabio', 'Massimo',
      'Daniele', 'Emanuele', 'Tommaso', 'Leonardo', 'Niccolò', 'Jacopo', 'Filippo', 'Michele', 'Claudio', 'Sergio',
      'Mario', 'Luigi', 'Salvatore', 'Vincenzo', 'Enrico', 'Alberto', 'Mattia', 'Pietro', 'Edoardo', 'Samuele',
      'Nicola', 'Gianluca', 'Maurizio', 'Franco', 'Carlo', 'Diego', 'Cristian', 'Manuel', 'Alessio', 'Giacomo',
      'Valerio', 'Duccio', 'Guido', 'Renato', 'Fabrizio', 'Ettore', 'Ivan', 'Denis', 'Kevin', 'Christian',
    ],
    female: [
      'Giulia', 'Francesca', 'Sara', 'Chiara', 'Martina', 'Valentina', 'Alessia', 'Elisa', 'Federica', 'Silvia',
      'Elena', 'Laura', 'Anna', 'Maria', 'Paola', 'Roberta', 'Monica', 'Barbara', 'Cristina', 'Simona',
      'Claudia', 'Daniela', 'Sabrina', 'Serena', 'Ilaria', 'Beatrice', 'Caterina', 'Alice', 'Aurora', 'Giorgia',
      'Sofia', 'Camilla', 'Arianna', 'Veronica', 'Michela', 'Manuela', 'Patrizia', 'Rossella', 'Lucia', 'Teresa',
      'Antonella', 'Giovanna', 'Stefania', 'Marta', 'Noemi', 'Irene', 'Debora', 'Tiziana', 'Lisa', 'Emma',
      'Benedetta', 'Costanza', 'Letizia', 'Margherita', 'Gemma', 'Jessica', 'Sonia', 'Katia', 'Erika', 'Vanessa',
    ],
    family: [
      'Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco',
      'Bruno', 'Gallo', 'Conti', 'De Luca', 'Mancini', 'Costa', 'Giordano', 'Rizzo', 'Lombardi', 'Moretti',
      'Barbieri', 'Fontana', 'Santoro', 'Mariani', 'Rinaldi', 'Caruso', 'Ferrara', 'Galli', 'Martini', 'Leone',
      'Longo', 'Gentile', 'Martinelli', 'Vitale', 'Lombardo', 'Serra', 'Coppola', 'De Santis', "D'Angelo", 'Marchetti',
      'Parisi', 'Villa', 'Conte', 'Ferraro', 'Fabbri', 'Bianco', 'Marini', 'Grasso', 'Valentini', 'Messina',
      'Sala', 'De Rosa', 'Gatti', 'Pellegrini', 'Palumbo', 'Sanna', 'Farina', 'Rizzi', 'Monti', 'Cattaneo',
      'Morelli', 'Amato', 'Silvestri', 'Mazza', 'Testa', 'Grassi', 'Pellegrino', 'Carbone', 'Giuliani', 'Benedetti',
      'Barone', 'Rossetti', 'Caputo', 'Montanari', 'Guerra', 'Palmieri', 'Bernardi', 'Martino', 'Fiore', 'De Angelis',
      'Ferri', 'Lucchesi', 'Bartolini', 'Innocenti', 'Cecchi', 'Bandini', 'Niccolai', 'Bini', 'Baldi', 'Tognetti',
      'Mugnai', 'Nencini', 'Guidi', 'Bertini', 'Pagliai', 'Becattini', 'Landi', 'Banchi', 'Sardelli', 'Giannini',
      'Cappelli', 'Franchi', 'Bacci', 'Bardi', 'Mazzoni', 'Lotti', 'Pieri', 'Frosali', 'Taddei', 'Poli',
      'Panerai', 'Nuti', 'Corsi', 'Salvini', 'Paoli', 'Vannucci', 'Maccari', 'Burchi', 'Masini', 'Papi',
      'Ciampi', 'Fantozzi', 'Cioni', 'Signorini', 'Batistoni', 'Casini', 'Tinacci', 'Pratesi', 'Fusi', 'Tozzi',
    ],
  },
  maghrebi: {
    male: [
      'Mohamed', 'Ahmed', 'Youssef', 'Said', 'Rachid', 'Mustapha', 'Abdelaziz', 'Hamza', 'Karim', 'Omar',
      'Khalid', 'Hicham', 'Nabil', 'Adil', 'Abdellah', 'Mehdi', 'Ayoub', 'Anas', 'Bilal', 'Ismail',
      'Hassan', 'Amine', 'Walid', 'Tarek', 'Samir', 'Mahmoud', 'Aymen', 'Yassine', 'Zakaria', 'Badr',
    ],
    female: [
      'Fatima', 'Khadija', 'Amina', 'Malika', 'Naima', 'Samira', 'Zineb', 'Hanane', 'Salma', 'Nadia',
      'Meryem', 'Soukaina', 'Imane', 'Latifa', 'Rachida', 'Houda', 'Sara', 'Yasmine', 'Leila', 'Asmaa',
      'Hajar', 'Ikram', 'Nour', 'Safae', 'Wafaa',
    ],
    family: [
      'El Idrissi', 'Benali', 'Bouzid', 'El Amrani', 'Alaoui', 'Berrada', 'Chraibi', 'El Fassi', 'Haddad', 'Mansouri',
      'Ouazzani', 'Tahiri', 'Ziani', 'Bennani', 'Lahlou', 'Cherkaoui', 'El Khatib', 'Saidi', 'Belkadi', 'Hamdi',
      'Ben Salah', 'Trabelsi', 'Gharbi', 'Jaziri', 'Abdelrahman', 'Mahmoud', 'Rahali', 'Bakkali', 'Ait Ouali', 'Zerouali',
    ],
  },
  albanian: {
    male: [
      'Arben', 'Besnik', 'Dritan', 'Ervin', 'Fatmir', 'Gentian', 'Ilir', 'Klodian', 'Mirel', 'Olsi',
      'Ardit', 'Erion', 'Florian', 'Genci', 'Kreshnik', 'Luan', 'Marsel', 'Redon', 'Sokol', 'Valon',
    ],
    female: [
      'Albana', 'Anila', 'Blerina', 'Dorina', 'Elona', 'Enkelejda', 'Ermira', 'Fjoralba', 'Griselda', 'Jonida',
      'Klea', 'Lindita', 'Mimoza', 'Rovena', 'Teuta', 'Valbona', 'Xhesika', 'Arjola', 'Besjana', 'Eriona',
    ],
    family: [
      'Hoxha', 'Shehu', 'Gjoka', 'Leka', 'Berisha', 'Dervishi', 'Kola', 'Marku', 'Prifti', 'Basha',
      'Cela', 'Hysa', 'Kurti', 'Meta', 'Rama', 'Sula', 'Toska', 'Xhafa', 'Zeneli', 'Duka',
      'Lleshi', 'Mema', 'Gashi', 'Bregu',
    ],
  },
  romanian: {
    male: [
      'Andrei', 'Alexandru', 'Ionut', 'Mihai', 'Constantin', 'Florin', 'Gheorghe', 'Marius', 'Catalin', 'Bogdan',
      'Adrian', 'Vasile', 'Cristian', 'Daniel', 'Dumitru', 'Ovidiu', 'Razvan', 'Sorin', 'Stefan', 'Valentin',
    ],
    female: [
      'Maria', 'Elena', 'Ioana', 'Andreea', 'Mihaela', 'Ana', 'Cristina', 'Gabriela', 'Daniela', 'Alina',
      'Florentina', 'Nicoleta', 'Raluca', 'Roxana', 'Simona', 'Violeta', 'Larisa', 'Denisa', 'Loredana', 'Camelia',
    ],
    family: [
      'Popescu', 'Ionescu', 'Popa', 'Radu', 'Dumitru', 'Stan', 'Stoica', 'Gheorghe', 'Matei', 'Ciobanu',
      'Rusu', 'Munteanu', 'Constantin', 'Marin', 'Tudor', 'Dobre', 'Barbu', 'Nistor', 'Florea', 'Lungu',
      'Ungureanu', 'Moldovan', 'Sandu', 'Cojocaru', 'Ceban',
    ],
  },
  westAfricanEnglish: {
    male: [
      'Chinedu', 'Emeka', 'Oluwaseun', 'Adebayo', 'Ibrahim', 'Musa', 'Sunday', 'Godwin', 'Kelechi', 'Tunde',
      'Yusuf', 'Kwame', 'Kofi', 'Samuel', 'Joseph', 'Ebuka', 'Ifeanyi', 'Babatunde', 'Osagie', 'Friday',
    ],
    female: [
      'Blessing', 'Joy', 'Precious', 'Favour', 'Gift', 'Mercy', 'Esther', 'Patience', 'Ngozi', 'Chioma',
      'Adaeze', 'Folake', 'Funmilayo', 'Aisha', 'Abena', 'Akosua', 'Peace', 'Success', 'Osas', 'Efe',
    ],
    family: [
      'Okafor', 'Okonkwo', 'Eze', 'Nwosu', 'Adeyemi', 'Ogunleye', 'Bello', 'Abubakar', 'Mensah', 'Osei',
      'Boateng', 'Asante', 'Obi', 'Uche', 'Igwe', 'Afolabi', 'Omoregie', 'Osagiede', 'Idahosa', 'Danjuma',
    ],
  },
  sahelian: {
    male: [
      'Mamadou', 'Moussa', 'Ousmane', 'Abdoulaye', 'Cheikh', 'Ibrahima', 'Modou', 'Babacar', 'Souleymane', 'Amadou',
      'Lamine', 'Seydou', 'Boubacar', 'Aliou', 'Pape', 'Mouhamed', 'Saliou', 'Idrissa', 'Bakary', 'Ousman',
    ],
    female: [
      'Aminata', 'Fatou', 'Awa', 'Mariama', 'Khady', 'Ndeye', 'Aissatou', 'Coumba', 'Adama', 'Rokhaya',
      'Astou', 'Binta', 'Kadiatou', 'Oumou', 'Salimata', 'Fanta', 'Nafi', 'Seynabou', 'Dieynaba', 'Isatou',
    ],
    family: [
      'Diop', 'Ndiaye', 'Fall', 'Sow', 'Diallo', 'Ba', 'Gueye', 'Sarr', 'Faye', 'Cisse',
      'Toure', 'Camara', 'Keita', 'Traore', 'Coulibaly', 'Konate', 'Sylla', 'Diouf', 'Mbaye', 'Seck',
      'Kone', 'Diarra', 'Jallow', 'Ceesay', 'Touray', 'Sanneh',
    ],
  },
  ukrainian: {
    male: [
      'Oleksandr', 'Andrii', 'Serhii', 'Volodymyr', 'Dmytro', 'Mykola', 'Ivan', 'Vasyl', 'Yurii', 'Oleh',
      'Taras', 'Bohdan', 'Maksym', 'Viktor', 'Ihor', 'Roman', 'Artem', 'Denys', 'Pavlo', 'Vitalii',
    ],
    female: [
      'Olena', 'Tetiana', 'Nataliia', 'Iryna', 'Oksana', 'Svitlana', 'Yuliia', 'Kateryna', 'Liudmyla', 'Halyna',
      'Mariia', 'Anastasiia', 'Viktoriia', 'Olha', 'Alina', 'Daryna', 'Sofiia', 'Nadiia', 'Larysa', 'Valentyna',
    ],
    family: [
      'Shevchenko', 'Kovalenko', 'Bondarenko', 'Tkachenko', 'Kravchenko', 'Oliinyk', 'Shevchuk', 'Koval', 'Polishchuk', 'Bondar',
      'Marchenko', 'Moroz', 'Lysenko', 'Rudenko', 'Savchenko', 'Petrenko', 'Melnyk', 'Kovalchuk', 'Tkachuk', 'Boiko',
      'Kravets', 'Ponomarenko',
    ],
  },
  pakistani: {
    male: [
      'Muhammad', 'Ali', 'Imran', 'Usman', 'Bilal', 'Faisal', 'Asif', 'Kamran', 'Waqas', 'Zeeshan',
      'Adnan', 'Shahid', 'Tariq', 'Naveed', 'Hamza', 'Umar', 'Arslan', 'Irfan', 'Sajid', 'Junaid',
      'Ahmad', 'Farid', 'Wahid', 'Rahmatullah',
    ],
    female: [
      'Ayesha', 'Fatima', 'Sana', 'Nida', 'Rabia', 'Saima', 'Amna', 'Hina', 'Mehwish', 'Sadia',
      'Zainab', 'Kiran', 'Noor', 'Bushra', 'Shazia', 'Samina', 'Iqra', 'Maryam', 'Uzma', 'Nazia',
    ],
    family: [
      'Khan', 'Ahmed', 'Ali', 'Hussain', 'Malik', 'Butt', 'Chaudhry', 'Iqbal', 'Qureshi', 'Rana',
      'Sheikh', 'Raza', 'Shah', 'Akhtar', 'Javed', 'Mirza', 'Siddiqui', 'Aslam', 'Bhatti', 'Abbasi',
      'Hakimi', 'Rahimi', 'Popal', 'Safi',
    ],
  },
  bangladeshi: {
    male: [
      'Mohammad', 'Rahim', 'Karim', 'Abdul', 'Hasan', 'Hossain', 'Rakib', 'Sohel', 'Shahin', 'Jamal',
      'Mizanur', 'Arif', 'Kamal', 'Nazmul', 'Sumon', 'Rubel', 'Shakil', 'Tanvir', 'Rashed', 'Masud',
    ],
    female: [
      'Nasrin', 'Shirin', 'Rina', 'Salma', 'Sharmin', 'Taslima', 'Parvin', 'Roksana', 'Nusrat', 'Farzana',
      'Sultana', 'Jannat', 'Sumaiya', 'Marium', 'Rehana', 'Shapla', 'Lipi', 'Moni', 'Tania', 'Mitu',
    ],
    family: [
      'Rahman', 'Hossain', 'Islam', 'Ahmed', 'Uddin', 'Miah', 'Chowdhury', 'Sarkar', 'Alam', 'Haque',
      'Khan', 'Sheikh', 'Mollah', 'Talukder', 'Biswas', 'Bhuiyan', 'Howlader', 'Mondal', 'Karim', 'Siddique',
    ],
  },
  andean: {
    male: [
      'José', 'Luis', 'Carlos', 'Jorge', 'Juan', 'Miguel', 'Víctor', 'César', 'Raúl', 'Jhon',
      'Edwin', 'Wilmer', 'Percy', 'Alberto', 'Fernando',
    ],
    female: [
      'María', 'Rosa', 'Carmen', 'Ana', 'Luz', 'Milagros', 'Gladys', 'Patricia', 'Yesenia', 'Roxana',
      'Maribel', 'Elizabeth', 'Juana', 'Flor', 'Karina',
    ],
    family: [
      'Quispe', 'Flores', 'Huamán', 'Rojas', 'Mamani', 'Sánchez', 'García', 'Chávez', 'Vargas', 'Ramos',
      'Torres', 'Mendoza', 'Castillo', 'Gutiérrez', 'Condori', 'Apaza',
    ],
  },
};

/**
 * Countries of birth common among people in the programmes' target groups, with the Z code the
 * fiscal code uses. Weights are relative: `general` for anyone foreign-born, `asylum` for asylum
 * seekers and protection holders, `minor` for unaccompanied minors, `trafficking` for victims of
 * trafficking.
 */
export interface BirthCountry {
  code: string;
  name: string;
  culture: NameCulture;
  general: number;
  asylum: number;
  minor: number;
  trafficking: number;
}

export const BIRTH_COUNTRIES: readonly BirthCountry[] = [
  { code: 'Z330', name: 'Morocco', culture: 'maghrebi', general: 12, asylum: 1, minor: 2, trafficking: 0 },
  { code: 'Z100', name: 'Albania', culture: 'albanian', general: 10, asylum: 0, minor: 3, trafficking: 1 },
  { code: 'Z129', name: 'Romania', culture: 'romanian', general: 10, asylum: 0, minor: 0, trafficking: 2 },
  { code: 'Z140', name: 'Moldova', culture: 'romanian', general: 2, asylum: 0, minor: 0, trafficking: 0 },
  { code: 'Z335', name: 'Nigeria', culture: 'westAfricanEnglish', general: 7, asylum: 10, minor: 1, trafficking: 10 },
  { code: 'Z318', name: 'Ghana', culture: 'westAfricanEnglish', general: 2, asylum: 2, minor: 1, trafficking: 0 },
  { code: 'Z343', name: 'Senegal', culture: 'sahelian', general: 7, asylum: 4, minor: 2, trafficking: 0 },
  { code: 'Z317', name: 'Gambia', culture: 'sahelian', general: 2, asylum: 5, minor: 3, trafficking: 0 },
  { code: 'Z329', name: 'Mali', culture: 'sahelian', general: 2, asylum: 5, minor: 2, trafficking: 0 },
  { code: 'Z313', name: "Côte d'Ivoire", culture: 'sahelian', general: 1, asylum: 3, minor: 2, trafficking: 1 },
  { code: 'Z138', name: 'Ukraine', culture: 'ukrainian', general: 6, asylum: 6, minor: 3, trafficking: 0 },
  { code: 'Z236', name: 'Pakistan', culture: 'pakistani', general: 6, asylum: 8, minor: 3, trafficking: 0 },
  { code: 'Z200', name: 'Afghanistan', culture: 'pakistani', general: 1, asylum: 3, minor: 2, trafficking: 0 },
  { code: 'Z249', name: 'Bangladesh', culture: 'bangladeshi', general: 5, asylum: 7, minor: 4, trafficking: 0 },
  { code: 'Z352', name: 'Tunisia', culture: 'maghrebi', general: 4, asylum: 2, minor: 4, trafficking: 0 },
  { code: 'Z336', name: 'Egypt', culture: 'maghrebi', general: 3, asylum: 3, minor: 6, trafficking: 0 },
  { code: 'Z611', name: 'Peru', culture: 'andean', general: 4, asylum: 0, minor: 0, trafficking: 0 },
];
