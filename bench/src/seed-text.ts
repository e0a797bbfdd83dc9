/**
 * Text of the realistic events, taken from a public council performance report (Broxtowe
 * Borough Council, 2019/20): real action titles, descriptions and officers'
 * comments, so that payload sizes and characters are those a ledger really stores.
 */
export interface SeedAction {
  readonly title: string;
  readonly description: string;
}

export const SEED_ACTIONS: readonly SeedAction[] = [
  {
    title: 'Produce final accounts by end of May',
    description: 'Produce the statement of accounts by the statutory deadline.',
  },
  {
    title: 'Implement web based Financial Management Software',
    description: 'Enable budget holders to access financial information through a web browser.',
  },
  {
    title: 'Introduce Intelligent Scanning to all Departments',
    description: 'Reduce the manual handling of invoices and correspondence.',
  },
  {
    title: 'Produce a refreshed Procurement Strategy for approval by Members',
    description: 'Update the procurement strategy to reflect current legislation and practice.',
  },
  {
    title: 'Determine the approach to procurement to ensure that it meets needs and objectives',
    description:
      'Review current procurement arrangements to ensure that the Council has sufficient expertise to maintain compliance with regulations.',
  },
  {
    title: 'Implement and Manage the Case Management System',
    description: 'Improvement the management of cases and records. Production of case load reports.',
  },
  {
    title: 'Embed an effective joint Debt Recovery Service to continue to reduce levels of debt.',
    description:
      'Maintain low levels of outstanding debt and focus on those with a realistic prospect of recovery',
  },
  {
    title: "Rewrite the Council's Constitution",
    description: "Update the Council's constitution to reflect the Council's day to day business",
  },
  {
    title: 'Community Governance Review',
    description:
      'Community Governance Review - Revision of all Parish boundaries so that existing anomalies are removed wherever possible.',
  },
  {
    title: 'Transfer of Land Charges function to Land Registry',
    description: 'Transfer of Land Charges function to Land Registry',
  },
  {
    title: 'Roll Out Phase 2 of the Committee Management System',
    description:
      'More efficient and effective production and distribution of Agendas, Minutes and improved website information',
  },
  {
    title: 'Implement the Asset Management Plan 2016-21',
    description: 'Implement the Asset Management Plan 2016-21',
  },
  {
    title: 'Manage the introduction of Universal Credit (UC)',
    description: 'Transfer of working age HB claims will be administered by the DWP',
  },
  {
    title: 'Replace the current CRM system (Meritec)',
    description: 'More effective system to record and refer customer contact.',
  },
  { title: 'Widen the use of e-forms', description: 'Widen the use of e-forms' },
  {
    title: "Update the council's face to face customer contact",
    description: 'Devise appropriate ways to handle visitors to the new reception in the council offices.',
  },
  {
    title: 'Implement Analyse Local',
    description:
      'Allow the Council to estimate their NNDR appeals provision timely and consistently with Nottinghamshire Councils.',
  },
  {
    title: 'Property Inspector',
    description:
      'Review the rateable value of Business premises within the area to ensure fair and accurate billing',
  },
  {
    title: 'Single Person Discount Review',
    description: 'To review cases of SPD where it is considered the discount is no longer applicable',
  },
  { title: 'Digital Strategy Implementation', description: 'Digital Strategy Implementation' },
  { title: 'New Ways Of Working', description: 'New Ways Of Working' },
  { title: 'ICT Security Compliance', description: 'ICT Security Compliance' },
];

export const SEED_COMMENTS: readonly string[] = [
  'Financial Accounts 2018/19 completed by 31 May 2019 deadline.',
  'Systems have been updated and testing is completed. Rollout took place in summer 2019. Finance Officers are providing ongoing support.',
  'Intelligent Scanning has been installed and being tested. A detailed project plan is being produced before roll out to departments commences.',
  'Refreshed Procurement and Commissioning Strategy was approved by the Policy and Performance Committee on 3 July 2019. Adoption is delayed pending updates to the Constitution and Financial Regulations.',
  'The Council is presently employing an Interim Procurement and Contracts Officer. A further attempt to fill the post on a permanent basis will commence in September 2019.',
  'Case Management System now used and all files have been imported. The Time Recording and Version Control elements are being developed. Internal task group created to review system use. Report function is being explored.',
  'Ongoing cross departmental discussions to facilitate effective debt recovery operations.',
  "The Council's contract standing orders, Financial Regulations (Contracts) due for adoption at the October 2019 Council meeting following adoption of the new Procurement Strategy.",
  'Work on this task will commence in September 2020, The review will focus on the Broxtowe Constituency area only and enable any changes to parish boundaries in the Ashfield Constituency area to be made in light of any parliamentary boundary changes.',
  'Due date revised from June 2019.',
  'Phase 1 completed January 2018 resulting in improved efficiencies. Development work on accessible documents complete. Programme in development to produce reports internally through the management system.',
  'Work is ongoing.',
  'The managed migration has commenced in the pilot area - anticipated to take several months to complete. Full evaluation will be conducted before a national rollout is commissioned. This remains in DWP control but the Council will continue to work proactively with DWP.',
  'Work continues on the project and we will soon be entering the user acceptance testing period. Go live is currently expected for mid-September.',
  'Implementation date delayed to September 2019 allowing further testing. E-forms are continuing to be developed.',
  'Implementation is partly dependent on progress of the New Ways of Working Project and funding to make physical changes to reception.',
  'The Council has contracted with Analyse Local and will continue to develop the systems around NNDR, including greater analysis of the data.',
  'The Council is currently in the process of contracting with Newark and Sherwood, Rushcliffe and Gedling to provide a shared property inspector. Recruitment commenced in August 2019.',
  'Further discussions taking place with other Nottinghamshire local authorities to establish a common approach.',
  'Implemented Committee Management System, Customer Relationship Manager Programme will go live in Q3. Implemented Iken case management system.',
  'Following the wider programme this is on target.',
  'Certification takes place in the final quarter.',
  'Research and Development completed, business plans have been accepted by the General Management Team subject to funding. Procurement and implementation remain.',
  'The programme is slightly behind target in Q1. Additional resource has been appointed so it is expected that the programme will be on target by end of Q2.',
];

export const SEED_REASONS: readonly string[] = [
  'Implementation date delayed to September 2019 allowing further testing.',
  'Due date revised from June 2019.',
  'Adoption is delayed pending updates to the Constitution and Financial Regulations.',
  'Implementation is partly dependent on progress of the New Ways of Working Project and funding.',
  'The review will focus on the Broxtowe Constituency area only, in light of parliamentary boundary changes.',
  'Land Registry timetable for the migration of the local land charges register.',
];

export const PLANS: readonly string[] = [
  'Corporate Plan 2016-2020',
  'Business Plan 2019/20 - Resources',
  'Business Plan 2019/20 - Revenues, Benefits and Customer Services',
  'Business Plan 2019/20 - ICT and Business Transformation',
];

export const DIRECTORATES: readonly string[] = [
  'Resources',
  'Revenues, Benefits and Customer Services',
  'ICT and Business Transformation',
  'Housing',
  'Environment',
];

export const SECTIONS: readonly string[] = [
  'Finance Services',
  'Legal Services',
  'Administrative Services',
  'Council Property',
  'Customer Services',
  'ICT',
];

export const OWNERS: readonly string[] = [
  'Head of Finance Services',
  'Head of Legal Services',
  'Interim Strategic Director',
  'Head of Revenues, Benefits and Customer Services',
  'Head of ICT and Business Transformation',
  'Estates Manager',
];

export const APPROVERS: readonly string[] = [
  'Policy and Performance Committee',
  'Finance and Resources Committee',
  'Cabinet',
  'General Management Team',
];

export const CODE_PREFIXES: readonly string[] = [
  'FP',
  'LA',
  'DEM',
  'CP',
  'RBCS',
  'IT',
  'HS',
  'ENV',
  'BG',
  'CS',
];

export const PENTANA_STATUSES: readonly string[] = ['Not Started', 'In Progress', 'Warning', 'Overdue'];
