//! LocalVoice: public consultations for local policing in Scotland, turned into evidence for the
//! next Local Police Plan.

pub mod defs;
pub mod domain;
pub mod seeds;
